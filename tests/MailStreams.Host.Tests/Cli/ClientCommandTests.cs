using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Cli;

/// <summary>send, streams ls and streams read against a running daemon; demo on its own.</summary>
public sealed class ClientCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Send_streams_ls_and_streams_read_work_against_a_running_daemon()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var sent = await CliProcess.RunAsync("send", "--to", "reverser@example.com", "--text", "Hello world", "--url", daemon.Url);
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 1);
        var listed = await CliProcess.RunAsync("streams", "ls", "--url", daemon.Url);
        var read = await CliProcess.RunAsync("streams", "read", "outbox", "--url", daemon.Url);

        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("\"inbox\":\"reverser\"", sent.Output);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("inbox/reverser", listed.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains("outbox", listed.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(0, read.ExitCode);
        Assert.Contains("dlrow olleH", read.Output);
        Assert.Contains("inbox/reverser:0", read.Output);
    }

    [Fact]
    public async Task Send_posts_an_eml_file()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        var eml = _data.File("hello.eml");
        await File.WriteAllBytesAsync(eml, Mails.Raw("reverser@example.com", text: "from a file"));

        var sent = await CliProcess.RunAsync("send", eml, "--url", daemon.Url);

        Assert.Equal(0, sent.ExitCode);
        var reply = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Outbox, 1));
        Assert.Contains("elif a morf", System.Text.Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public async Task Clients_say_clearly_when_no_daemon_answers()
    {
        var result = await CliProcess.RunAsync("streams", "ls", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach the daemon", result.Error);
    }

    [Fact]
    public async Task Send_without_a_file_or_text_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync("send", "--to", "reverser@example.com");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--text", result.Error);
    }

    [Fact]
    public async Task Demo_prints_the_reversed_reply_and_exits_0()
    {
        var result = await CliProcess.RunAsync("demo");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("dlrow olleH", result.Output);
        Assert.Contains("Subject: Re: Hello world", result.Output);
        Assert.Contains("Auto-Submitted: auto-replied", result.Output);
    }

    public void Dispose() => _data.Dispose();
}
