import type { Calendar } from '../../models';
import { weekdays } from '../../models';

export const minutesPerWeek = 10080;

/** A shift calendar compiled to the weekly instants where it turns on or off (simulation starts Monday 00:00). */
export interface CompiledCalendar {
  id: string;
  /** Minutes of the week (0..10079) where the state changes, ascending; empty when always on. */
  changeAt: Float64Array;
  /** State after each change (1 on, 0 off). */
  onAfter: Uint8Array;
  /** On-shift minutes per week. */
  minutesOnPerWeek: number;
}

function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

/** Compiles windows ("mon-fri 08:00-17:00", "22:00-06:00" past midnight) into weekly change points. */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  const on = new Uint8Array(minutesPerWeek);
  for (const window of calendar.windows) {
    const start = clockMinutes(window.start);
    let end = clockMinutes(window.end);
    if (end <= start) end += 1440; // runs past midnight into the next day
    for (const day of window.days) {
      const base = weekdays.indexOf(day) * 1440;
      for (let m = base + start; m < base + end; m++) on[m % minutesPerWeek] = 1;
    }
  }
  const changes: number[] = [];
  const states: number[] = [];
  let minutesOn = 0;
  for (let m = 0; m < minutesPerWeek; m++) {
    minutesOn += on[m];
    const before = on[(m + minutesPerWeek - 1) % minutesPerWeek];
    if (on[m] !== before) {
      changes.push(m);
      states.push(on[m]);
    }
  }
  return { id: calendar.id, changeAt: Float64Array.from(changes), onAfter: Uint8Array.from(states), minutesOnPerWeek: minutesOn };
}

/** Whether the calendar is on at simulated minute t. */
export function calendarIsOn(cal: CompiledCalendar, t: number): boolean {
  if (cal.changeAt.length === 0) return cal.minutesOnPerWeek > 0;
  const w = t - Math.floor(t / minutesPerWeek) * minutesPerWeek;
  let state = cal.onAfter[cal.onAfter.length - 1];
  for (let i = 0; i < cal.changeAt.length; i++) {
    if (cal.changeAt[i] <= w) state = cal.onAfter[i];
    else break;
  }
  return state === 1;
}

/** The first change strictly after t (Infinity when the calendar never changes). */
export function nextCalendarChange(cal: CompiledCalendar, t: number): number {
  const n = cal.changeAt.length;
  if (n === 0) return Infinity;
  const weekStart = Math.floor(t / minutesPerWeek) * minutesPerWeek;
  const w = t - weekStart;
  for (let i = 0; i < n; i++) if (cal.changeAt[i] > w) return weekStart + cal.changeAt[i];
  return weekStart + minutesPerWeek + cal.changeAt[0];
}
