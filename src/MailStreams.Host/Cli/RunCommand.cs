using System.CommandLine;
using MailStreams.Host.Daemon;

namespace MailStreams.Host.Cli;

/// <summary><c>mailstreams run</c>: the daemon, until SIGTERM/Ctrl-C (then a graceful stop).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "data directory (default: ./data, or MailStreams:DataDirectory)" };
        var tools = new Option<string?>("--tools") { Description = "tools folder (default: ./tools)" };
        var urls = new Option<string?>("--urls") { Description = $"listen URLs (default: {DaemonApp.DefaultUrl})" };
        var watch = new Option<bool>("--watch") { Description = "reload the tools folder when its files change (through the same tests)" };
        var command = new Command("run", "Run the daemon: HTTP ingress, inbox pipelines, outbox.") { data, tools, urls, watch };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(data) is { } d) settings["MailStreams:DataDirectory"] = d;
            if (parse.GetValue(tools) is { } t) settings["MailStreams:ToolsDirectory"] = t;
            if (parse.GetValue(urls) is { } u) settings["urls"] = u;
            if (parse.GetValue(watch)) settings["MailStreams:Tools:Watch"] = "true";
            try
            {
                await using var app = DaemonApp.Build(settings);
                await app.RunAsync(ct);
                return 0;
            }
            catch (Exception e)
            {
                return CommonOptions.Fail(e.Message);
            }
        });
        return command;
    }
}
