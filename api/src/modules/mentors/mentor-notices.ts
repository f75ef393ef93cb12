/**
 * What members are told about mentoring, in neutral words: no recovery details, no reasons (a
 * decline reads only "not available right now"), and a member's name only at the start of a
 * title (so deleting an account can rename it "Former member").
 */

/** Where mentoring lives on the web (the mentee's and the mentor's page). */
export const MENTORING_PATH = '/mentoring';

export const NOTICES = {
  request: { title: ' asked you to be their mentor.', body: 'You can accept or decline on Mentoring.' },
  accepted: { title: ' accepted your mentoring request.', body: 'You can write to each other in Messages.' },
  notAvailable: {
    title: 'The mentor you asked is not available right now.',
    body: 'You can ask another mentor on Mentoring.',
  },
  ended: {
    title: 'Your mentoring pairing has ended.',
    body: 'Thank you for the time you gave it. You can find your pairings on Mentoring.',
  },
  pairedMentee: {
    title: ' is now your mentor.',
    body: 'Staff paired you. You can write to each other in Messages.',
  },
  pairedMentor: {
    title: ' is now your mentee.',
    body: 'Staff paired you. You can write to each other in Messages.',
  },
  approved: {
    title: 'Your offer to mentor was approved.',
    body: 'Newcomers can now ask you to be their mentor.',
  },
  notTaken: {
    title: 'Thank you for offering to mentor.',
    body: 'Staff are not adding you as a mentor for now, so your offer has been removed. You are welcome to talk with them about it.',
  },
  checkIn: {
    title: 'How is mentoring going?',
    body: 'One tap tells staff how it is going. Only staff see your answer.',
  },
} as const;
