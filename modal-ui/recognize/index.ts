// The picture popup of `recognize image`. The editor host wires it up like this:
//   const prompt = createPicturePrompt();
//   ui = { openTrainer, askForPicture: prompt.ask, cancelPictureRequests: prompt.cancelAll, reportError: prompt.reportError };
//   <RecognizePopupHost prompt={prompt} onOpenTrainer={openTrainer} />   (mounted once, over the editor)
export { createPicturePrompt, type PicturePrompt, type PromptState } from './picture-prompt';
export { RecognizePopupHost, type RecognizePopupHostProps } from './recognize-popup-host';
