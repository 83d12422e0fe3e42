using MailStreams.Tools;
using MailStreams.Tools.Sync;

namespace MailStreams.Actors.Tests.Tools.Sync;

public sealed class ToolsStatusTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_activation_makes_the_revision_live()
    {
        var package = ToolPackage.Empty("abc");
        var status = ToolsStatus.Initial.Apply(Report(ToolSyncOutcome.Activated, "abc"), package);

        Assert.Equal("abc", status.LiveRevision);
        Assert.Equal(At, status.ActivatedAt);
        Assert.Empty(status.Failed);
    }

    [Fact]
    public void Rejected_and_failed_syncs_are_kept_newest_first_and_a_repeated_rejection_once()
    {
        var status = ToolsStatus.Initial
            .Apply(Report(ToolSyncOutcome.Rejected, "bad", "type error: index.ts(1,1)"), null)
            .Apply(Report(ToolSyncOutcome.Failed, null, "unreachable"), null)
            .Apply(Report(ToolSyncOutcome.Rejected, "bad", "type error: index.ts(1,1)"), null)
            .Apply(Report(ToolSyncOutcome.Unchanged, "abc"), null);

        Assert.Equal([ToolSyncOutcome.Failed, ToolSyncOutcome.Rejected], status.Failed.Select(f => f.Outcome));
        Assert.Equal(["type error: index.ts(1,1)"], status.Rejected["bad"]);
        Assert.Equal(ToolSyncOutcome.Unchanged, status.LastSync!.Outcome);
    }

    [Fact]
    public void Keeps_at_most_twenty_failures()
    {
        var status = ToolsStatus.Initial;
        for (var i = 0; i < 25; i++) status = status.Apply(Report(ToolSyncOutcome.Rejected, $"r{i}", "x"), null);

        Assert.Equal(ToolsStatus.MaxFailed, status.Failed.Count);
        Assert.Equal("r24", status.Failed[0].Revision);
    }

    private static ToolSyncReport Report(ToolSyncOutcome outcome, string? revision, params string[] problems) =>
        new("test", At, outcome, revision, outcome.ToString(), problems);
}
