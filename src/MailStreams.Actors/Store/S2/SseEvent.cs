namespace MailStreams.Store.S2;

/// <summary>One server-sent event: its type (<c>message</c> when absent), id (null when absent) and data lines joined by '\n'.</summary>
internal sealed record SseEvent(string Type, string? Id, string Data);
