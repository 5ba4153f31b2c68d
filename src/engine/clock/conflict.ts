/**
 * A move asked of a clock while another is under way: on one process `moving()` tells
 * before asking, but a clock several nodes share can be moved by another node between
 * that look and the move, and then the move itself refuses with this.
 */
export class ClockMoveConflict extends Error {
  override readonly name = 'ClockMoveConflict';
  constructor(readonly toMs: number) {
    super(`The clock is already moving (to ${new Date(toMs).toISOString()}).`);
  }
}
