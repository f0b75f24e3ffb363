import { REGIONS, type Region } from '../playbook/model.js';
import type { Item } from '../playbook/schema.js';

/** How a region is named to a person: in the interview, the report, and before a region note. */
export const REGION_NAMES: Record<Region, string> = { us: 'the US', uk: 'the UK', eu: 'the EU or EEA', other: 'elsewhere' };
export const REGION_LABELS: Record<Region, string> = { us: 'US', uk: 'UK', eu: 'EU/EEA', other: 'Elsewhere' };

export interface RegionNote {
  region: Region;
  why: string | null;
  fix: string | null;
}

/**
 * The region notes that apply: the client's own region's when it is known;
 * every note when it is not, so nothing that may apply is hidden (each is
 * shown with its region's label).
 */
export function regionNotes(item: Item, clientRegion: Region | null): RegionNote[] {
  const notes = item.region_notes;
  if (!notes) return [];
  return REGIONS.filter((r) => notes[r] !== undefined && (clientRegion === null || clientRegion === r)).map((region) => {
    const note = notes[region];
    return typeof note === 'string' ? { region, why: null, fix: note } : { region, why: note?.why ?? null, fix: note?.fix ?? null };
  });
}
