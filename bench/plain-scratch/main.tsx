// The first-visit row's peer: the same Scratch GUI build as our editor's page, with none of our code (no hooks on
// its VM, no menu entry, no offline copy), so the row shows what Image Model adds to opening the editor.
// Built only for the bench (BENCH_PLAIN_SCRATCH=1 adds it to webpack.config.mjs).
import GUI, { AppStateHOC } from '@scratch/scratch-gui';
import { createRoot } from 'react-dom/client';
import '../../editor/host.css';

const editorElement = document.getElementById('editor');
if (!editorElement) throw new Error('the page has no #editor');
GUI.setAppElement(editorElement);
const Editor = AppStateHOC(GUI);
createRoot(editorElement).render(<Editor projectId="0" canSave={false} canEditTitle />);
