import { redirect } from '@sveltejs/kit';
import { MessageRecipientDocument, StartConversationDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { parseRecipients } from '$lib/messages';
import { request } from '$lib/server/graphql';
import { failFields, failWithFields, loadError, requireUser, text } from '$lib/server/forms';
import { conversationPath, recipientField } from '$lib/server/messages';
import { planIfSignedIn } from '$lib/server/safety-net';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/messages/new';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  // "Message" on a profile links here with ?to=<their id>: the To field starts with their name.
  const to = event.url.searchParams.get('to');
  if (!to || !isUuid(to)) return { recipient: null };
  const result = await request(MessageRecipientDocument, { userId: to }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const user = result.data.user;
  return {
    recipient: user ? { id: user.id, displayName: user.displayName, reach: result.data.messageReach } : null,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = { to: text(data, 'to'), body: text(data, 'body') };
    const recipients = parseRecipients(typed.to);
    const errors: Record<string, string> = {};
    if (recipients.error) errors.to = recipients.error;
    if (!typed.body.trim()) errors.body = 'Write something before sending.';
    if (Object.keys(errors).length > 0) return failFields('Please check the form below.', errors, typed);

    const result = await request(
      StartConversationDocument,
      { input: { recipientNames: recipients.names, body: typed.body } },
      { token, event },
    );
    if (result.error) return failWithFields(result.error, typed, PATH, recipientField);
    const { conversation, safetyResources } = result.data.startConversation;
    const href = conversationPath(conversation.id);
    if (safetyResources.length > 0) {
      // What they wrote reads as a crisis: it is sent; help comes first, then the conversation.
      return { sent: { href: `${href}#latest` }, safetyResources, plan: await planIfSignedIn(event) };
    }
    redirect(303, `${href}#latest`);
  },
};
