/**
 * The origin of every write this browser makes to a board. The sync providers and the
 * offline caches apply remote changes with origins of their own, so an undo manager that
 * tracks only this origin undoes only what this person did, and a resync knows what was ours.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol('benchlearn:local');
