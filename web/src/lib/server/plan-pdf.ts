import PDFDocument from 'pdfkit';
import { planSections, type PlanLike } from '$lib/recovery/safety-plan';

const MARGIN = 54; // 3/4 inch
const CLOSING = 'If you are in danger right now, call 911 or call or text 988.';

/**
 * The plan as a one-page PDF (US Letter), in PDFKit's built-in Helvetica. The text size is the
 * largest, from 12 pt down to 7 pt, at which every step fits on the one page. A plan longer than
 * one page holds even at 7 pt (near the limits: 12 long items in every step) goes on to a second
 * page rather than losing a word of it.
 */
export function planPdf(plan: PlanLike): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: { Title: 'My plan for hard moments', Producer: 'Kinship', Creator: 'Kinship' },
  });
  const width = doc.page.width - 2 * MARGIN;
  const available = doc.page.height - 2 * MARGIN;
  const sections = planSections(plan);
  const label = (s: (typeof sections)[number]) => (s.step ? `${s.step}. ${s.title}` : s.title);
  const items = (s: (typeof sections)[number]) =>
    s.items.length > 0 ? s.items.map((i) => `•  ${i}`) : ['(nothing yet)'];

  // Measured with the same fonts, widths and gaps as written below (plus a little slack), so the
  // chosen size really fits: a gap is an explicit move down, never a font-dependent moveDown().
  const gaps = (size: number) => ({ title: size, heading: size * 0.25, step: size * 0.7 });
  const heightAt = (size: number): number => {
    const gap = gaps(size);
    let h =
      doc
        .font('Helvetica-Bold')
        .fontSize(size * 1.6)
        .heightOfString('My plan for hard moments', { width }) + gap.title;
    for (const s of sections) {
      h +=
        doc
          .font('Helvetica-Bold')
          .fontSize(size * 1.1)
          .heightOfString(label(s), { width }) + gap.heading;
      for (const line of items(s))
        h += doc
          .font('Helvetica')
          .fontSize(size)
          .heightOfString(line, { width: width - 12 });
      h += gap.step;
    }
    return (h + doc.font('Helvetica-Oblique').fontSize(size).heightOfString(CLOSING, { width })) * 1.03;
  };
  let size = 12;
  while (size > 7 && heightAt(size) > available) size -= 0.5;
  const gap = gaps(size);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .font('Helvetica-Bold')
    .fontSize(size * 1.6)
    .text('My plan for hard moments', MARGIN, MARGIN, { width });
  doc.y += gap.title;
  for (const s of sections) {
    doc
      .font('Helvetica-Bold')
      .fontSize(size * 1.1)
      .text(label(s), MARGIN, undefined, { width });
    doc.y += gap.heading;
    for (const line of items(s))
      doc
        .font('Helvetica')
        .fontSize(size)
        .text(line, MARGIN + 12, undefined, { width: width - 12 });
    doc.y += gap.step;
  }
  doc.font('Helvetica-Oblique').fontSize(size).text(CLOSING, MARGIN, undefined, { width });
  doc.end();
  return done;
}
