// The editor's language menu (and its start-up language) reaches the VM as vm.setLocale(locale, messages).
// We switch our catalogue first, so that the VM's own refresh of every extension's blocks already reads the
// new words; the trainer and popups re-render through onLocaleChange.
import { setLocale } from '../../locales';
import type { ScratchVm } from './scratch-vm';

export function followEditorLanguage(vm: ScratchVm): void {
  const setVmLocale = vm.setLocale.bind(vm);
  vm.setLocale = (locale, messages) => {
    setLocale(locale);
    return setVmLocale(locale, messages);
  };
  setLocale(vm.getLocale());
}
