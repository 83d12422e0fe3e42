using Jint;
using Jint.Native;
using Jint.Native.Json;
using MailStreams.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailStreams.Tools;

/// <summary>
/// Calls one tool of a <see cref="ToolPackage"/> for one email, in a fresh sandboxed engine on a tool thread
/// (tools stay stateless; nothing survives the call). Never throws for anything the tool does: errors, limits,
/// timeouts, bad results and unknown tool names come back as <see cref="ToolOutcome.Failed"/>. Only the caller's
/// own cancellation throws (<see cref="OperationCanceledException"/>). Thread-safe; one instance per process.
/// </summary>
internal sealed class ToolInvoker
{
    private readonly ILogger _logger;

    public ToolInvoker(ToolLimits limits, ILogger<ToolInvoker>? logger = null)
    {
        Limits = limits.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public ToolLimits Limits { get; }

    public async Task<ToolOutcome> InvokeAsync(ToolPackage package, string toolName, Email email, CancellationToken cancellation)
    {
        if (!package.HasTool(toolName))
        {
            var known = package.ToolNames.Count == 0 ? "none" : string.Join(", ", package.ToolNames);
            return new ToolOutcome.Failed($"no tool '{toolName}' in tools version {package.Version} (tools: {known})", false);
        }
        var emailJson = MailJson.Serialize(email);
        var (finished, outcome) = await ToolExecution.RunAsync(Limits,
            deadline => Run(package, toolName, email.Id, emailJson, deadline, cancellation), cancellation).ConfigureAwait(false);
        return finished
            ? outcome!
            : new ToolOutcome.Failed($"tool '{toolName}' timed out after {Limits.Timeout.TotalSeconds:0.###} s and did not stop", true);
    }

    private ToolOutcome Run(ToolPackage package, string toolName, string emailId, byte[] emailJson,
        CancellationToken deadline, CancellationToken cancellation)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object>
        {
            ["Tool"] = toolName, ["EmailId"] = emailId, ["ToolsVersion"] = package.Version,
        });
        try
        {
            using var engine = ToolEngines.Create(package.Loader, Limits, deadline, new ToolConsole(_logger, toolName, emailId));
            var tool = engine.Modules.Import(package.EntryFile).Get(toolName);
            var email = new JsonParser(engine).Parse(emailJson.AsSpan());
            var result = engine.Invoke(tool, email);
            if (result.IsPromise()) result = result.UnwrapIfPromise(deadline);
            return ToolResults.Convert(result, toolName);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellation);
        }
        catch (Exception e)
        {
            return ToolErrors.Describe(e, $"tool '{toolName}'", Limits);
        }
    }
}
