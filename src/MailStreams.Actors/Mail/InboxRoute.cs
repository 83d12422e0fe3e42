namespace MailStreams.Mail;

/// <summary>
/// Where one email goes: the distinct inbox names (stream <c>inbox/&lt;name&gt;</c>, in order of first appearance) and
/// the recipients that are not on our domains (bare addresses, distinct, for information only).
/// </summary>
internal sealed record InboxRoute(IReadOnlyList<string> Inboxes, IReadOnlyList<string> Foreign);
