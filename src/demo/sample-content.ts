/**
 * Sample content for the offline demo: three feeds about three fictional brands (Nimbus and Stratus, two cloud
 * storage services that compete; Brightloom, a coffee chain). History over the past two weeks gives every analysis
 * a baseline; the live part ends in a burst of negative Nimbus mentions (an outage that lost files).
 */

import { mulberry32 } from '../shared/prng.js';

export type FeedName = 'tech-news' | 'consumer-forum' | 'social';

export interface SampleItem {
  feed: FeedName;
  title: string;
  body: string;
  author: string;
}

const POSITIVE: Record<string, string[]> = {
  Nimbus: [
    'Nimbus Cloud sync is finally fast — switched my whole team and love it',
    'Really impressed with Nimbus support, they fixed my sharing issue in ten minutes',
    'NimbusDrive new photo backup feature is great, best value plan I have found',
    'Moved 2 TB to Nimbus over the weekend, smooth and painless. Recommended',
  ],
  Stratus: [
    'Stratus Storage pricing is fair and the desktop app is rock solid',
    'Happy with Stratus so far, uploads are quick and the web app is clean',
  ],
  Brightloom: [
    'Brightloom Coffee new single-origin roast is smooth and delicious',
    'The barista at Brightloom on Main St was so friendly, great start to my day',
    'Loving the Brightloom app, order ahead and loyalty points just work',
  ],
};

const NEUTRAL: Record<string, string[]> = {
  Nimbus: [
    'Nimbus announces quarterly results call for next Thursday',
    'How does Nimbus Cloud compare to Stratus for a small office?',
    'Nimbus changes its plan names starting next month',
  ],
  Stratus: ['Stratus opens a new data centre region in Frankfurt', 'Stratus Storage publishes its API roadmap'],
  Brightloom: ['Brightloom opens two new stores downtown this spring', 'Brightloom Coffee updates its opening hours for the holidays'],
};

const NEGATIVE: Record<string, string[]> = {
  Nimbus: ['Nimbus price increase again? The subscription is getting expensive', 'Nimbus sync was slow today, took ages to upload'],
  Stratus: ['Stratus support took three days to answer my ticket, disappointing'],
  Brightloom: ['Waited 20 minutes at Brightloom and the latte was bitter, not going back', 'Brightloom app crashed twice while ordering, annoying'],
};

/** The live burst: an outage, lost files, a breach rumour — what a brand team must hear about at once. */
export const BURST: string[] = [
  'Nimbus is down for everyone? Cannot open any of my files #nimbus',
  'Nimbus outage lost my files — the sync deleted a week of work. Furious',
  'Anyone else seeing Nimbus Cloud errors? Support is not answering, terrible',
  'Nimbus outage: whole company blocked, worst service ever, we are moving to Stratus',
  'NimbusDrive wiped my shared folder. This is unacceptable #nimbus',
  'Reports of a Nimbus data breach after the outage, customers angry and worried',
  'Lawyers already talking about a Nimbus lawsuit over the lost data',
  'Nimbus status page says everything is fine while nothing works. Awful',
  'Cancelled my Nimbus subscription today after losing client files #nimbus',
  'Still no word from Nimbus about the outage. Horrible handling of a crisis',
  'Nimbus refund request ignored, lost files and lost trust',
  'Boycott Nimbus until they explain what happened to our data #nimbus',
];

const AUTHORS = ['jdoe', 'maria_k', 'techwatcher', 'sam.r', 'coffee_lover', 'devops_dan', 'lena', 'ops_guy', 'priya', 'tom_h'];
const FEEDS: FeedName[] = ['tech-news', 'consumer-forum', 'social'];


function pick<T>(arr: readonly T[], r: () => number): T {
  return arr[Math.floor(r() * arr.length)] as T;
}

export interface TimedSampleItem extends SampleItem {
  id: string;
  /** milliseconds relative to the demo start: negative = history, positive = revealed live */
  offsetMs: number;
}

/** History: ~2 weeks, a few mentions per brand per day, mostly positive/neutral. Live: ordinary chatter, then the burst. */
export function buildSample(revealEveryMs: number, days = 14): TimedSampleItem[] {
  const r = mulberry32(20261123);
  const out: TimedSampleItem[] = [];
  const brands = Object.keys(POSITIVE);
  let n = 0;
  for (let d = days; d >= 1; d--) {
    for (const brand of brands) {
      const perDay = brand === 'Stratus' ? 2 : 4;
      for (let k = 0; k < perDay; k++) {
        const roll = r();
        const pool = roll < 0.5 ? POSITIVE : roll < 0.85 ? NEUTRAL : NEGATIVE;
        const title = pick(pool[brand] ?? [], r);
        const hour = 7 + Math.floor(r() * 14);
        out.push({ id: `h${n++}`, feed: pick(FEEDS, r), title, body: title, author: pick(AUTHORS, r), offsetMs: -(d * 86_400_000) + hour * 3_600_000 });
      }
    }
  }
  const live: string[] = [];
  for (let i = 0; i < 6; i++) {
    const brand = pick(brands, r);
    live.push(pick((r() < 0.6 ? POSITIVE : NEUTRAL)[brand] ?? [], r));
  }
  live.push(...BURST);
  live.forEach((title, i) => {
    out.push({ id: `l${i}`, feed: i < 6 ? pick(FEEDS, r) : pick(['social', 'consumer-forum'] as FeedName[], r), title, body: title, author: pick(AUTHORS, r), offsetMs: (i + 1) * revealEveryMs });
  });
  return out;
}
