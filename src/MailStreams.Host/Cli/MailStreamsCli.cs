using System.CommandLine;
using System.CommandLine.Help;

namespace MailStreams.Host.Cli;

/// <summary>The command tree of <c>mailstreams</c>. Exit codes: 0 ok, 1 failure, 2 bad usage or input.</summary>
public static class MailStreamsCli
{
    /// <summary>Parses and runs; a command line that does not parse is bad usage (exit 2) with one line per problem.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0 || parse.Action is HelpAction) return await parse.InvokeAsync();
        foreach (var error in parse.Errors) Console.Error.WriteLine("mailstreams: " + error.Message);
        Console.Error.WriteLine("Try 'mailstreams --help'.");
        return 2;
    }

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
        root.Subcommands.Add(ToolsCommand.Create());
        root.Subcommands.Add(SecretsCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
