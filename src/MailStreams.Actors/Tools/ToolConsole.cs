using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Logging;

namespace MailStreams.Tools;

/// <summary>
/// The <c>console</c> object of one tool engine: <c>log/info/debug/warn/error</c> forward to an
/// <see cref="ILogger"/> with the tool name and email id. Output per call is capped in lines and length so a
/// chatty tool cannot flood the log. Lives exactly as long as its engine (one call).
/// </summary>
internal sealed class ToolConsole(ILogger logger, string toolName, string emailId)
{
    private const int MaxLines = 100;
    private const int MaxLineLength = 4_000;
    private int _lines;

    public void Install(Engine engine)
    {
        var console = new JsObject(engine);
        Add(engine, console, "log", LogLevel.Information);
        Add(engine, console, "info", LogLevel.Information);
        Add(engine, console, "debug", LogLevel.Debug);
        Add(engine, console, "warn", LogLevel.Warning);
        Add(engine, console, "error", LogLevel.Error);
        engine.SetValue("console", console);
    }

    private void Add(Engine engine, JsObject console, string name, LogLevel level) =>
        console.Set(name, new ClrFunction(engine, name, (_, args) =>
        {
            Write(engine, level, args);
            return JsValue.Undefined;
        }, 0, PropertyFlag.Configurable));

    private void Write(Engine engine, LogLevel level, JsValue[] args)
    {
        if (!logger.IsEnabled(level)) return;
        _lines++;
        if (_lines > MaxLines)
        {
            if (_lines == MaxLines + 1)
                logger.Log(LogLevel.Warning, "Tool {Tool} (email {EmailId}): further console output suppressed", toolName, emailId);
            return;
        }
        var text = new StringBuilder();
        foreach (var arg in args)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(Format(engine, arg));
            if (text.Length > MaxLineLength) break;
        }
        var line = text.Length > MaxLineLength ? text.ToString(0, MaxLineLength) + "…" : text.ToString();
        logger.Log(level, "Tool {Tool} (email {EmailId}): {Console}", toolName, emailId, line);
    }

    private static string Format(Engine engine, JsValue value)
    {
        if (value.IsString()) return value.AsString();
        if (!value.IsObject() || value.IsCallable()) return value.ToString();
        try
        {
            var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
            return json.IsUndefined() ? value.ToString() : json.AsString();
        }
        catch (Jint.Runtime.JavaScriptException)
        {
            return value.ToString(); // cyclic or otherwise not serializable
        }
    }
}
