// This language's catalogue, one JSON file per area of the product.
import blocks from './blocks.json';
import editor from './editor.json';
import errors from './errors.json';
import lab from './lab.json';
import sharing from './sharing.json';
import trainer from './trainer.json';
import webPage from './web-page.json';

export default { blocks, editor, errors, lab, sharing, trainer, webPage };
