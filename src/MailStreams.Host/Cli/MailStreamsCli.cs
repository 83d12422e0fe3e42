using System.CommandLine;

namespace MailStreams.Host.Cli;

/// <summary>The command tree of <c>mailstreams</c>. Exit codes: 0 ok, 1 failure, 2 bad usage or input.</summary>
public static class MailStreamsCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("MailStreams: email as streams of events, answered by your own functions.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(StreamsCommand.Create());
        root.Subcommands.Add(DlqCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(WebhookCommand.Create());
        return root;
    }
}
