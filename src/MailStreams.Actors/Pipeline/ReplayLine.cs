namespace MailStreams.Pipeline;

/// <summary>What a replay did with one inbox record: its idempotency key, the action, and the difference to what was sent.</summary>
public sealed record ReplayLine(string Key, string Action, string Detail);
