namespace MailStreams.Tools;

/// <summary>One inbox's tool calls, failed calls and the last failure (email id and error).</summary>
internal sealed record InboxToolStats(long Calls, long Errors, string? LastError);
