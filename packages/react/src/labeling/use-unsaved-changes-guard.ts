import { useEffect } from 'react';

/**
 * While `dirty`, asks the browser to confirm leaving the page (tab close, reload, link away),
 * so a reviewer does not lose half-written labels. Moving between items inside the app is the
 * caller's to guard (see `LabelingQueue`'s `confirmDiscard`).
 * @example useUnsavedChangesGuard(form.formState.isDirty)
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
