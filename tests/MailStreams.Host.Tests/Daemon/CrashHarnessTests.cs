using MailStreams.Testing;
using MailStreams.Testing.Crash;
using Xunit.Abstractions;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>
/// The crash harness, short: 200 emails through the Resend path while the daemon is SIGKILLed 10 times at random
/// moments; every accepted email still gets exactly one reply. Longer runs: <c>dotnet run --project tests/MailStreams.Proof -- crash</c>.
/// </summary>
public sealed class CrashHarnessTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Two_hundred_emails_and_ten_kills_give_exactly_one_reply_per_accepted_email()
    {
        var options = new CrashRunOptions(Emails: 200, Kills: 10, Seed: 5, Path.Combine(AppContext.BaseDirectory, "mailstreams.dll"), _data.Path);
        Assert.Empty(options.Problems());

        var report = await new CrashHarness(options, output.WriteLine).RunAsync();

        foreach (var line in report.Lines()) output.WriteLine(line);
        Assert.True(report.Holds, string.Join(Environment.NewLine, report.Lines()));
        Assert.Equal(200, report.Accepted);
        Assert.Equal(200, report.RepliesSent);
    }

    public void Dispose() => _data.Dispose();
}
