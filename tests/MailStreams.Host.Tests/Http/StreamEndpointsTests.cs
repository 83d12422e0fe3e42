using System.Net;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Http;

public sealed class StreamEndpointsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Reads_a_whole_stream_past_the_per_read_cap_of_1000_records()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        for (var i = 0; i < 3; i++)
            await daemon.Store.AppendAsync("events/bulk", Enumerable.Range(0, 500).Select(n => new AppendRecord([], [(byte)'x'])).ToArray());

        var lines = (await daemon.Client.GetStringAsync("api/records?stream=events/bulk")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var some = (await daemon.Client.GetStringAsync("api/records?stream=events/bulk&from=1495&count=3")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1500, lines.Length);
        Assert.Equal(3, some.Length);
        Assert.Contains("\"seq_num\":1495", some[0]);
    }

    [Theory]
    [InlineData("api/records?stream=..&follow=true", "..")]
    [InlineData("api/records?stream=outbox&from=abc", "'from'")]
    [InlineData("api/records?stream=outbox&count=0", "'count'")]
    [InlineData("api/records?stream=outbox&follow=maybe", "'follow'")]
    [InlineData("api/records", "'stream'")]
    public async Task Answers_a_bad_query_with_400_and_a_message(string query, string mentioned)
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await daemon.Client.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Answers_an_unknown_stream_with_404()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await daemon.Client.GetAsync("api/records?stream=no/such");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _data.Dispose();
}
