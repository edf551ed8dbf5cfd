export { LabArea } from './lab-area';
