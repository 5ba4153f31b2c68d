/**
 * AWS regions and their availability zones. Zone names map to zone ids per account in
 * AWS; teiki uses one common mapping for the regions listed, and for any other region the
 * rule new regions follow (zones a, b, c with ids `<short>-az1..3`).
 */

export interface RegionInfo {
  name: string;
  /** Regions launched since 2019 must be enabled per account. */
  optIn: boolean;
}

const OPT_IN = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

const STANDARD = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

export const REGIONS: RegionInfo[] = [
  ...STANDARD.map((name) => ({ name, optIn: false })),
  ...[...OPT_IN].map((name) => ({ name, optIn: true })),
].sort((a, b) => (a.name < b.name ? -1 : 1));

export interface ZoneInfo {
  zoneName: string;
  zoneId: string;
  regionName: string;
}

/** Suffix letter → zone-id number, where the common mapping is known. */
const KNOWN_ZONES: Record<string, Array<[string, number]>> = {
  'us-east-1': [
    ['a', 6],
    ['b', 1],
    ['c', 2],
    ['d', 4],
    ['e', 3],
    ['f', 5],
  ],
  'us-east-2': [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ],
  'us-west-1': [
    ['a', 3],
    ['b', 1],
  ],
  'us-west-2': [
    ['a', 2],
    ['b', 1],
    ['c', 3],
    ['d', 4],
  ],
  'ap-northeast-1': [
    ['a', 4],
    ['c', 1],
    ['d', 2],
  ],
  'ap-northeast-2': [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
  ],
  'ap-northeast-3': [
    ['a', 3],
    ['b', 1],
    ['c', 2],
  ],
  'ap-south-1': [
    ['a', 1],
    ['b', 3],
    ['c', 2],
  ],
  'ap-southeast-1': [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ],
  'ap-southeast-2': [
    ['a', 1],
    ['b', 3],
    ['c', 2],
  ],
  'ca-central-1': [
    ['a', 1],
    ['b', 2],
    ['d', 4],
  ],
  'eu-central-1': [
    ['a', 2],
    ['b', 3],
    ['c', 1],
  ],
  'eu-west-1': [
    ['a', 3],
    ['b', 1],
    ['c', 2],
  ],
  'eu-west-2': [
    ['a', 2],
    ['b', 3],
    ['c', 1],
  ],
  'eu-west-3': [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ],
  'sa-east-1': [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ],
};

/** `us-east-1` → `use1`, `ap-northeast-1` → `apne1`, `us-gov-west-1` → `usgw1`. */
export function regionShortName(region: string): string {
  const parts = region.split('-');
  let short = region.startsWith('us-gov-') ? 'usg' : (parts[0] ?? '');
  const words = region.startsWith('us-gov-') ? parts.slice(2, -1) : parts.slice(1, -1);
  for (const word of words) {
    // north/south first so `northeast` → `ne`, as AWS abbreviates it.
    for (const cardinal of ['north', 'south', 'central', 'east', 'west']) {
      if (word.includes(cardinal)) short += cardinal[0];
    }
  }
  return short + (parts[parts.length - 1] ?? '');
}

export function zonesOf(region: string): ZoneInfo[] {
  const short = regionShortName(region);
  const layout = KNOWN_ZONES[region] ?? [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ];
  return layout.map(([letter, id]) => ({
    zoneName: `${region}${letter}`,
    zoneId: `${short}-az${id}`,
    regionName: region,
  }));
}
