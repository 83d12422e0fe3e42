using System.CommandLine;
using MailStreams.Hosting;
using MailStreams.Tools;
using MailStreams.Tools.TypeScript;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailStreams.Host.Cli;

/// <summary>
/// <c>mailstreams tools bench [dir] [--runs N]</c>: how long a version takes to pass the activation gate (transpile and
/// type-check, load, $TESTS), against a baseline measured in the same run: the same tools already transpiled to
/// JavaScript, which skip the TypeScript step. Prints the median of each step and the ratio.
/// </summary>
internal static class ToolsBenchCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "tools folder (TypeScript)", DefaultValueFactory = _ => "tools" };
        var runs = new Option<int>("--runs") { Description = "activations per variant", DefaultValueFactory = _ => 10 };
        var command = new Command("bench", "Measure transpile and activation time of a tools folder.") { dir, runs };
        command.SetAction(async (parse, ct) =>
        {
            var folder = MailStreamsServices.ResolveToolsDirectory(parse.GetValue(dir)!);
            if (!Directory.Exists(folder)) return CommonOptions.Fail($"tools folder '{folder}' does not exist", 2);
            if (parse.GetValue(runs) is < 1 or > 1000) return CommonOptions.Fail("--runs must be between 1 and 1000", 2);
            var scratch = Path.Combine(Path.GetTempPath(), "mailstreams-tools-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var compiler = new TypeScriptCompiler();
                var gate = new ToolActivationGate(new ToolInvoker(ToolLimits.Default), compiler, Path.Combine(scratch, "builds"), NullLogger.Instance);
                var javascript = Path.Combine(scratch, "js");
                var compiled = await compiler.CompileAsync(folder, javascript, ct);
                if (!compiled.Succeeded) return CommonOptions.Fail("the tools do not compile: " + string.Join("; ", compiled.Errors));

                await gate.PrepareAsync(folder, "warm-up", ct); // JIT and tool threads, not measured
                var typescript = new List<ToolCandidate>();
                var baseline = new List<ToolCandidate>();
                for (var i = 0; i < parse.GetValue(runs); i++)
                {
                    typescript.Add(await gate.PrepareAsync(folder, $"ts-{i}", ct));
                    baseline.Add(await gate.PrepareAsync(javascript, $"js-{i}", ct));
                }
                if (typescript.Concat(baseline).FirstOrDefault(c => !c.Accepted) is { } refused)
                    return CommonOptions.Fail("the tools do not pass the gate: " + string.Join("; ", refused.Problems));

                Console.WriteLine($"{folder}: {typescript[0].Package!.ToolNames.Count} tool(s), {typescript[0].Tests.Count} tests, {typescript.Count} runs each, medians:");
                Print("TypeScript", typescript);
                Print("JavaScript (baseline)", baseline);
                Console.WriteLine($"activation TypeScript / JavaScript: {Median(typescript, Total) / Median(baseline, Total):0.00}x");
                return 0;
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    private static void Print(string label, List<ToolCandidate> runs) =>
        Console.WriteLine($"  {label,-22} transpile+check {Median(runs, c => c.Transpile),7:0.0} ms  load {Median(runs, c => c.Load),6:0.0} ms  " +
                          $"$TESTS {Median(runs, c => c.TestRun),6:0.0} ms  total {Median(runs, Total),7:0.0} ms");

    private static TimeSpan Total(ToolCandidate c) => c.Transpile + c.Load + c.TestRun;

    private static double Median(List<ToolCandidate> runs, Func<ToolCandidate, TimeSpan> step)
    {
        var sorted = runs.Select(r => step(r).TotalMilliseconds).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
