namespace MailStreams.Host.Health;

/// <summary>What <c>GET /api/status</c> answers and <c>mailstreams status</c> prints.</summary>
internal sealed record DaemonStatus(
    string Version,
    string Runtime,
    DateTimeOffset StartedAt,
    string DataDirectory,
    string Sender,
    ToolsStatus Tools,
    IReadOnlyList<InboxStatus> Inboxes,
    OutboxStatus Outbox,
    IReadOnlyList<DeadLetterStatus> DeadLetters);

/// <summary>The tool package in force: its folder, version and tool names, and when this daemon loaded it.</summary>
/// <summary>The tools in force: where from, which revision, since when, and the last sync (null before the first).</summary>
internal sealed record ToolsStatus(string Folder, string Version, IReadOnlyList<string> Names, DateTimeOffset LoadedAt, LastSyncStatus? LastSync);

/// <summary>The last tool sync: when, what started it, how it ended and what it said.</summary>
internal sealed record LastSyncStatus(DateTimeOffset At, string Trigger, string Outcome, string Message);

/// <summary>One inbox pipeline: records in its stream, its committed offset and the difference (null when it did not answer).</summary>
internal sealed record InboxStatus(string Name, long Tail, long? Committed, long? Lag);

/// <summary>The outbox: records written, the next one to send and how many wait (null when the actor did not answer).</summary>
internal sealed record OutboxStatus(long Tail, long? NextSeq, long? Depth);

/// <summary>A dead-letter stream and how many records it holds.</summary>
internal sealed record DeadLetterStatus(string Stream, long Count);
