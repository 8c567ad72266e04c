/**
 * Vocabulary of the generated brand streams: two industries, each with words every brand of it shares (so "flight" is
 * common to all airlines and must never trend), sentiment phrases, and the phrases of injected events.
 */
export interface Industry {
  name: string;
  brands: { name: string; handle: string }[];
  /** words of the trade, in every brand's mentions */
  common: string[];
  negative: string[];
  neutral: string[];
  positive: string[];
  /** phrases of a negative event (one per event, repeated in its mentions) */
  eventPhrases: string[];
  /** what a crisis item says (the keyword in it is a default crisis keyword) */
  crisis: string[];
}

export const AIRLINES: Industry = {
  name: 'airlines',
  brands: [
    { name: 'Skyward', handle: 'skywardair' },
    { name: 'AeroLink', handle: 'aerolink' },
    { name: 'Northjet', handle: 'northjet' },
    { name: 'Bluecrest', handle: 'bluecrestair' },
    { name: 'Solaris Air', handle: 'solarisair' },
    { name: 'Pinewing', handle: 'pinewing' },
  ],
  common: ['flight', 'plane', 'gate', 'crew', 'seat', 'boarding', 'airport', 'bag', 'ticket', 'pilot', 'lounge', 'miles', 'terminal', 'trip', 'travel'],
  negative: [
    'my flight has been delayed three hours and nobody tells us anything',
    'worst customer service ever, still waiting for a call back',
    'lost my bag again, this is ridiculous',
    'on hold for 2 hours, unacceptable',
    'they cancelled my flight and offered nothing, terrible',
    'rude staff at the gate, never flying with you again',
    'overbooked again, I am furious',
    'the seat was broken and the crew did not care, awful',
    'missed my connection because of your delay, so angry',
    'charged me twice for a bag, disgusting',
  ],
  neutral: [
    'what time does boarding start for the morning flight?',
    'is there wifi on the flight to Denver',
    'flying to Boston tomorrow',
    'does the lounge open before six',
    'how many bags can I check on a basic ticket',
    'heading to the airport now',
    'can I change my seat online',
    'which terminal for the evening flight',
  ],
  positive: [
    'thanks for the great crew today, lovely flight',
    'love the new seats, so comfortable',
    'landed early, great job',
    'best airline, friendly staff and smooth boarding',
    'thank you for rebooking me so quickly, amazing service',
    'the upgrade was a wonderful surprise, thanks',
  ],
  eventPhrases: ['system outage', 'cancelled flights', 'lost luggage', 'app down', 'stuck on the tarmac', 'ice storm delays'],
  crisis: [
    'I am filing a lawsuit against {b} after what happened',
    'Time to boycott {b}, they treat people like cattle',
    'Reports of a data breach at {b}, my card was used',
    '{b} engine recall on some planes, is my flight safe?',
  ],
};

export const CLOUD: Industry = {
  name: 'cloud',
  brands: [
    { name: 'Nimbus', handle: 'nimbushq' },
    { name: 'Stratus', handle: 'stratusapp' },
    { name: 'Cirrus Drive', handle: 'cirrusdrive' },
    { name: 'Vaultly', handle: 'vaultly' },
    { name: 'Boxora', handle: 'boxora' },
    { name: 'Driftsync', handle: 'driftsync' },
  ],
  common: ['files', 'sync', 'upload', 'storage', 'folder', 'app', 'backup', 'desktop', 'sharing', 'plan', 'account', 'photos', 'laptop', 'team', 'cloud'],
  negative: [
    'sync keeps failing and support is useless',
    'lost a whole folder after the update, furious',
    'the app keeps crashing, so frustrating',
    'price went up again, this is a rip off',
    'still waiting for support to answer my ticket, terrible',
    'upload speed is awful today',
    'cannot log in to my account, worst service',
    'they deleted my photos, I am so angry',
  ],
  neutral: [
    'how do I share a folder with a guest',
    'is there a desktop app for linux',
    'moving my backup to a new laptop tonight',
    'what is the storage limit on the basic plan',
    'setting up sync for the team',
    'does the app support two factor login',
  ],
  positive: [
    'restored my files in seconds, love it',
    'support fixed my issue quickly, great service',
    'the new sharing feature is excellent',
    'best backup app I have used, thank you',
    'fast uploads and a clean app, happy customer',
  ],
  eventPhrases: ['sync outage', 'login errors', 'data loss', 'app crash', 'price hike'],
  crisis: [
    'Lawyers are preparing a lawsuit against {b} over the lost data',
    'Boycott {b} until they explain what happened',
    '{b} data breach: customer files exposed',
    'Considering a class action lawsuit against {b}',
  ],
};

export const INDUSTRIES = [AIRLINES, CLOUD];
