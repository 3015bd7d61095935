import { create } from 'zustand';
import { VIEW_IDS, type ViewId } from './views';

interface NavigationState {
  view: ViewId;
  helpOpen: boolean;
  go(view: ViewId): void;
  goToIndex(index: number): void;
  setHelpOpen(open: boolean): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  view: 'inventory',
  helpOpen: false,
  go: (view) => set({ view }),
  goToIndex: (index) => {
    const view = VIEW_IDS[index];
    if (view) set({ view });
  },
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
