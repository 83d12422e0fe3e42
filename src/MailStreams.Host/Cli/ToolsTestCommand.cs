using System.CommandLine;
using MailStreams.Hosting;
using MailStreams.Tools;
using MailStreams.Tools.TypeScript;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams tools test [dir]</c>: the activation gate on a local folder, without a daemon: transpile and type-check
/// TypeScript, load, run every <c>$TESTS</c> case and print each verdict. Exit 0 when the version would go live, 1 when not.
/// </summary>
internal static class ToolsTestCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "tools folder", DefaultValueFactory = _ => "tools" };
        var command = new Command("test", "Run the $TESTS of a tools folder locally (TypeScript is type-checked first).") { dir };
        command.SetAction(async (parse, ct) =>
        {
            var folder = MailStreamsServices.ResolveToolsDirectory(parse.GetValue(dir)!);
            if (!Directory.Exists(folder)) return CommonOptions.Fail($"tools folder '{folder}' does not exist", 2);
            using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var scratch = Path.Combine(Path.GetTempPath(), "mailstreams-tools-test-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var gate = new ToolActivationGate(new ToolInvoker(ToolLimits.Default, logs.CreateLogger<ToolInvoker>()), new TypeScriptCompiler(),
                    scratch, logs.CreateLogger<ToolActivationGate>());
                var candidate = await gate.PrepareAsync(folder, ToolFiles.Hash(folder), ct);
                foreach (var test in candidate.Tests) Console.WriteLine(test);
                foreach (var problem in candidate.Problems.Where(p => !p.StartsWith("$TESTS failed", StringComparison.Ordinal)))
                    Console.WriteLine(problem);
                var failed = candidate.Tests.Count(t => !t.Passed);
                Console.WriteLine(candidate.Accepted
                    ? $"{candidate.Tests.Count} passed; tools {string.Join(", ", candidate.Package!.ToolNames)} ({candidate.Timings})"
                    : $"not activatable: {candidate.Tests.Count - failed} passed, {failed} failed, {candidate.Problems.Count} problem(s) ({candidate.Timings})");
                return candidate.Accepted ? 0 : 1;
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }
}
