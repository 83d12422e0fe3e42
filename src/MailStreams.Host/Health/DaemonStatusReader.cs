using System.Reflection;
using Akka.Actor;
using Akka.Hosting;
using MailStreams.Hosting;
using MailStreams.Outbox;
using MailStreams.Pipeline;
using MailStreams.Sending;
using MailStreams.Store;
using MailStreams.Tools;
using MailStreams.Tools.Sync;

namespace MailStreams.Host.Health;

/// <summary>
/// Reads the daemon's state for <c>/api/status</c>, the gauges and <c>/readyz</c>: stream tails from the store,
/// committed offsets from the inbox pipelines and the outbox actor (asked, with a short timeout), dead-letter counts.
/// Stateless apart from the start time.
/// </summary>
internal sealed class DaemonStatusReader(
    IStreamStore store,
    ActiveTools tools,
    ToolsStatusBoard toolsStatus,
    MailStreamsOptions options,
    IMailSender sender,
    IRequiredActor<MailStreamsAkka.Inboxes> inboxes,
    IRequiredActor<MailStreamsAkka.Outbox> outbox,
    ActorSystem system,
    TimeProvider time)
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public static string Version =>
        typeof(DaemonStatusReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<DaemonStatus> ReadAsync(CancellationToken ct = default)
    {
        var package = tools.Current;
        var names = await InboxNamesAsync(ct);
        var inboxStates = await Task.WhenAll(names.Select(name => InboxAsync(name, ct)));
        return new DaemonStatus(
            Version,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            _startedAt,
            Path.GetFullPath(options.DataDirectory),
            sender.GetType().Name,
            ToolsOf(package),
            inboxStates,
            await OutboxAsync(ct),
            await DeadLettersAsync(ct));
    }

    private ToolsStatus ToolsOf(ToolPackage package)
    {
        var board = toolsStatus.Current;
        var sync = board.LastSync is { } last ? new LastSyncStatus(last.At, last.Trigger, last.Outcome.ToString(), last.Message) : null;
        return new ToolsStatus(package.Folder, package.Revision is { Length: > 0 } revision ? revision : package.Version, package.ToolNames, board.ActivatedAt ?? _startedAt, sync);
    }

    public async Task<OutboxStatus> OutboxAsync(CancellationToken ct = default)
    {
        var tail = await TailAsync(StreamNames.Outbox, ct);
        var state = await AskAsync<OutboxState>(outbox.ActorRef, new OutboxActor.GetState());
        return new OutboxStatus(tail, state?.NextSeq, state is null ? null : Math.Max(0, tail - state.NextSeq));
    }

    private async Task<IReadOnlyList<string>> InboxNamesAsync(CancellationToken ct)
    {
        var running = await AskAsync<string[]>(inboxes.ActorRef, new InboxSupervisor.GetInboxes()) ?? [];
        var streams = await store.ListStreamsAsync(StreamNames.InboxPrefix, null, 1000, ct);
        return running.Concat(streams.Select(s => StreamNames.InboxName(s.Name))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<InboxStatus> InboxAsync(string name, CancellationToken ct)
    {
        var tail = await TailAsync(StreamNames.Inbox(name), ct);
        var committed = await CommittedOffsetAsync(inboxes.ActorRef.Path / InboxSupervisor.ActorNameOf(name));
        return new InboxStatus(name, tail, committed, committed is { } c ? Math.Max(0, tail - c) : null);
    }

    private async Task<IReadOnlyList<DeadLetterStatus>> DeadLettersAsync(CancellationToken ct)
    {
        var streams = await store.ListStreamsAsync("dead/", null, 1000, ct);
        var counts = await Task.WhenAll(streams.Select(async s => new DeadLetterStatus(s.Name, await TailAsync(s.Name, ct))));
        return counts;
    }

    private async Task<long> TailAsync(string stream, CancellationToken ct)
    {
        try { return (await store.CheckTailAsync(stream, ct)).SeqNum; }
        catch (StreamStoreException e) when (e.Code == "stream_not_found") { return 0; }
    }

    private static async Task<T?> AskAsync<T>(IActorRef actor, object message)
    {
        try { return await actor.Ask<T>(message, AskTimeout); }
        catch (AskTimeoutException) { return default; }
    }

    /// <summary>Asks the pipeline at <paramref name="path"/> (through its backoff supervisor) for its committed offset.</summary>
    private async Task<long?> CommittedOffsetAsync(ActorPath path)
    {
        try { return await system.ActorSelection(path).Ask<long>(new StreamConsumerActor.GetOffset(), AskTimeout); }
        catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException) { return null; }
    }
}
