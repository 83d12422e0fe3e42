using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Modules;

namespace MailStreams.Tools;

/// <summary>
/// Turns what escapes a tool engine into a readable failure: the JS error with its stack location, or which
/// limit was hit. Exceptions that mean "out of time" are flagged as timeouts.
/// </summary>
internal static class ToolErrors
{
    public static ToolOutcome.Failed Describe(Exception error, string subject, ToolLimits limits) => error switch
    {
        JavaScriptException js => new($"{subject} threw {WithStack(js.Error, string.IsNullOrWhiteSpace(js.JavaScriptStackTrace) ? At(js) : js.JavaScriptStackTrace)}", false),
        PromiseRejectedException rejected => new($"{subject} rejected with {WithStack(rejected.RejectedValue, StackOf(rejected.RejectedValue))}", false),
        StatementsCountOverflowException => new($"{subject} exceeded the limit of {limits.MaxStatements} statements", false),
        MemoryLimitExceededException memory => new($"{subject} exceeded the memory limit of {limits.MemoryBytes} bytes ({memory.Message})", false),
        RecursionDepthOverflowException => new($"{subject} exceeded the recursion limit of {limits.RecursionDepth} calls", false),
        TimeoutException or ExecutionCanceledException or OperationCanceledException =>
            new($"{subject} timed out after {limits.Timeout.TotalSeconds:0.###} s", true),
        ModuleResolutionException module => new($"{subject} could not import a module: {module.Message}", false),
        JintException jint => new($"{subject} failed: {jint.Message}", false),
        _ => new($"{subject} failed: {error.GetType().Name}: {error.Message}", false),
    };

    private static string? At(JavaScriptException js) =>
        js.Location.Start.Line > 0 ? $"    at {js.Location.SourceFile}:{js.Location.Start.Line}:{js.Location.Start.Column + 1}" : null;

    private static string WithStack(JsValue value, string? stack)
    {
        var text = Text(value);
        return string.IsNullOrWhiteSpace(stack) ? text : text + Environment.NewLine + stack.TrimEnd();
    }

    private static string Text(JsValue value)
    {
        try
        {
            return value.IsString() ? value.AsString() : value.ToString();
        }
        catch (JintException)
        {
            return "(an unprintable value)";
        }
    }

    private static string? StackOf(JsValue value)
    {
        if (!value.IsObject()) return null;
        try
        {
            var stack = value.AsObject().Get("stack");
            return stack.IsString() ? StripFirstLine(stack.AsString()) : null;
        }
        catch (JintException)
        {
            return null;
        }
    }

    // An Error's "stack" starts with "Name: message", which Text() already printed.
    private static string StripFirstLine(string stack)
    {
        var lines = stack.Split('\n');
        return string.Join('\n', lines.Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)));
    }
}
