/** How to reach a crisis resource from a phone: tel: and sms: links with plain labels. */
export interface ContactLink {
  href: string;
  label: string;
}

export interface ResourceLike {
  name: string;
  phone: string | null;
  text: string | null;
  url: string | null;
}

export function contactLinks(resource: ResourceLike): ContactLink[] {
  const links: ContactLink[] = [];
  if (resource.phone) {
    links.push({ href: `tel:${resource.phone.replace(/[^\d+]/g, '')}`, label: `Call ${resource.phone}` });
  }
  if (resource.text) {
    // "HOME to 741741" is a keyword to send to a number; "988" is just the number.
    const keyword = /^(\S+)\s+to\s+([\d-]+)$/i.exec(resource.text.trim());
    if (keyword) {
      const [, word, number] = keyword;
      links.push({
        href: `sms:${number.replace(/\D/g, '')}?&body=${encodeURIComponent(word)}`,
        label: `Text ${word} to ${number}`,
      });
    } else {
      links.push({ href: `sms:${resource.text.replace(/[^\d+]/g, '')}`, label: `Text ${resource.text}` });
    }
  }
  return links;
}
