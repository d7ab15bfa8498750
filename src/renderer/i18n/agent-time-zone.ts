import { create } from 'zustand';

/**
 * The signed-in agent's IANA time zone, in which every date and countdown is shown. Set by the
 * team store once `app/get-info` answers; undefined (the system's zone) until then.
 */
export const useAgentTimeZone = create<{ timeZone: string | undefined }>()(() => ({ timeZone: undefined }));
