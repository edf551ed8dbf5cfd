export { TrainerModal, type TrainerModalProps } from './trainer-modal';
