import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../auth/viewer';
import { inOrder, openingPostVisible, visiblePosts } from './post-visibility';

const viewer = (n: number, role: Viewer['role']): Viewer => ({ id: `6f1c0b5e-0000-4000-8000-00000000000${n}`, role, sessionId: `s${n}` });
const member = viewer(1, 'MEMBER');
const moderator = viewer(2, 'MODERATOR');
const admin = viewer(3, 'ADMIN');

describe('post visibility', () => {
  it('moderators and admins see every post and thread', () => {
    for (const staff of [moderator, admin]) {
      expect(visiblePosts(staff)).toEqual(['TRUE', {}]);
      expect(openingPostVisible(staff)).toBe('TRUE');
    }
  });

  it("a member sees visible posts and their own, only in threads whose opening post they may see", () => {
    const [condition, params] = visiblePosts(member);
    expect(params).toEqual({ viewerId: member.id });
    expect(condition).toContain("p.status = 'VISIBLE' OR p.author_id = :viewerId");
    expect(condition).toContain('op.position = 1');
    expect(openingPostVisible(member)).toContain("op.status = 'VISIBLE' OR op.author_id = :viewerId");
  });

  it('inOrder answers in the order asked, null for the missing', () => {
    expect(inOrder(['b', 'x', 'a'], [{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'b' }, null, { id: 'a' }]);
  });
});
