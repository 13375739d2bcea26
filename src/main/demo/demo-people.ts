/** The team that works on the demo service, shop-api. */

export interface DemoPerson {
  readonly name: string;
  readonly email: string;
  /** GitHub-style handle, used in merge commit messages ("from acme-shop/…"). */
  readonly handle: string;
  /** UTC offset in minutes in winter; people in zones with daylight saving add 60 in summer. */
  readonly winterOffset: number;
  readonly daylightSaving: boolean;
}

const person = (name: string, email: string, handle: string, winterOffset: number, daylightSaving = true): DemoPerson => ({
  name,
  email,
  handle,
  winterOffset,
  daylightSaving
});

const ZOE = person('Zoë Müller', 'zoe.mueller@acme-shop.example', 'zoe-mueller', 60);
const JOSE = person('José Núñez', 'jose.nunez@acme-shop.example', 'jnunez', 60);
const PRIYA = person('Priya Raman', 'priya.raman@acme-shop.example', 'priya-r', 60);
const LIAM = person("Liam O'Connor", 'liam.oconnor@acme-shop.example', 'liamoc', 0);
const MEI = person('Mei Chen', 'mei.chen@acme-shop.example', 'meichen', 0);
const TOMASZ = person('Tomasz Kowalski', 'tomasz.kowalski@acme-shop.example', 'tkowalski', 60);
const AMARA = person('Amara Okafor', 'amara.okafor@acme-shop.example', 'amara-o', 60, false);

export const TEAM: readonly [DemoPerson, ...DemoPerson[]] = [ZOE, JOSE, PRIYA, LIAM, MEI, TOMASZ, AMARA];
/** Who reviews and merges pull requests and cuts releases. */
export const MAINTAINERS: readonly [DemoPerson, ...DemoPerson[]] = [ZOE, LIAM, PRIYA];

/** Rough European daylight-saving period (April to October); close enough for sample data. */
function inSummer(unixSeconds: number): boolean {
  const month = new Date(unixSeconds * 1000).getUTCMonth();
  return month >= 3 && month <= 9;
}

/** The person's UTC offset at that moment, as git writes it: "+0100", "-0500". */
export function gitOffset(who: DemoPerson, unixSeconds: number): string {
  const minutes = who.winterOffset + (who.daylightSaving && inSummer(unixSeconds) ? 60 : 0);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
