using System.CommandLine.Help;
using MailStreams.Host.Cli;

namespace MailStreams.Host;

/// <summary>The <c>mailstreams</c> command: the daemon and the tools around it. Bad usage exits with 2.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var parse = MailStreamsCli.Build().Parse(args);
        if (parse.Errors.Count == 0 || parse.Action is HelpAction) return parse.InvokeAsync();
        foreach (var error in parse.Errors) Console.Error.WriteLine("mailstreams: " + error.Message);
        Console.Error.WriteLine("see 'mailstreams --help'");
        return Task.FromResult(2);
    }
}
