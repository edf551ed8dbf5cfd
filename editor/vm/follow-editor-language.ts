// The editor's language menu (and its start-up language) reaches the VM as vm.setLocale(locale, messages), which
// refreshes every extension's blocks. We switch our catalogue first, so that this one refresh already reads the
// new words; the trainer and popups re-render through onLocaleChange. The extension also redraws its palette when
// the catalogue changes (for hosts that switch it alone): here that request is held back, or every extension's
// blocks would be refreshed twice per language change.
import { setLocale } from '../../locales';
import type { ScratchVm } from './scratch-vm';

export function followEditorLanguage(vm: ScratchVm): void {
  const setVmLocale = vm.setLocale.bind(vm);
  vm.setLocale = (locale, messages) => {
    withoutPaletteRefreshes(vm, () => setLocale(locale));
    return setVmLocale(locale, messages);
  };
  setLocale(vm.getLocale());
}

function withoutPaletteRefreshes(vm: ScratchVm, run: () => void): void {
  const { runtime } = vm;
  const request = runtime.requestToolboxExtensionsUpdate;
  runtime.requestToolboxExtensionsUpdate = () => {};
  try {
    run();
  } finally {
    runtime.requestToolboxExtensionsUpdate = request;
  }
}
