using MailStreams.Store;


namespace MailStreams.Actors.Tests.Store;

public abstract partial class StreamStoreContract
{
    private static AppendRecord OfMeteredSize(int meteredBytes) => new([], new byte[meteredBytes - 8]);

    [Fact]
    public async Task A_record_over_one_MiB_is_rejected_and_nothing_is_written()
    {
        var store = await StoreAsync();
        var stream = Name("too-big");
        await store.AppendAsync(stream, Texts("keep"));

        var error = await Assert.ThrowsAsync<StreamStoreException>(() =>
            store.AppendAsync(stream, [Text("fine"), OfMeteredSize(AppendRecord.MaxMeteredBytes + 1)]));
        Assert.Equal("invalid", error.Code);
        Assert.Contains("1048577", error.Message);
        Assert.Equal(1, (await store.CheckTailAsync(stream)).SeqNum);

        var fresh = Name("too-big-fresh");
        await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync(fresh, [OfMeteredSize(AppendRecord.MaxMeteredBytes + 1)]));
        Assert.Equal("stream_not_found", (await Assert.ThrowsAsync<StreamStoreException>(() => store.CheckTailAsync(fresh))).Code);
    }

    [Fact]
    public async Task A_record_of_exactly_one_MiB_is_accepted()
    {
        var store = await StoreAsync();
        var stream = Name("one-mib");
        await store.AppendAsync(stream, [OfMeteredSize(AppendRecord.MaxMeteredBytes)]);
        var batch = await store.ReadAsync(stream, 0);
        Assert.Equal(AppendRecord.MaxMeteredBytes, Assert.Single(batch.Records).MeteredBytes);
    }

    [Fact]
    public async Task A_batch_over_one_MiB_in_total_is_rejected()
    {
        var store = await StoreAsync();
        var stream = Name("big-batch");
        var error = await Assert.ThrowsAsync<StreamStoreException>(() =>
            store.AppendAsync(stream, [OfMeteredSize(600 * 1024), OfMeteredSize(600 * 1024)]));
        Assert.Equal("invalid", error.Code);
        await Assert.ThrowsAsync<StreamStoreException>(() => store.CheckTailAsync(stream));
    }

    [Fact]
    public async Task An_empty_batch_or_one_of_more_than_1000_records_is_rejected()
    {
        var store = await StoreAsync();
        var stream = Name("counts");
        Assert.Equal("invalid", (await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync(stream, []))).Code);
        var tooMany = Enumerable.Range(0, 1001).Select(_ => Text("x")).ToList();
        Assert.Equal("invalid", (await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync(stream, tooMany))).Code);
    }

    [Fact]
    public async Task A_read_stops_at_the_count_limit()
    {
        var store = await StoreAsync();
        var stream = Name("count");
        await store.AppendAsync(stream, Texts("a", "b", "c", "d", "e"));
        var batch = await store.ReadAsync(stream, 1, new ReadLimits(Count: 2));
        Assert.Equal(["b", "c"], batch.Records.Select(BodyText));
        Assert.Equal(5, batch.Tail.SeqNum);
        Assert.Empty((await store.ReadAsync(stream, 0, new ReadLimits(Count: 0))).Records);
    }

    [Fact]
    public async Task A_read_takes_records_only_while_their_metered_total_fits_the_bytes_limit()
    {
        var store = await StoreAsync();
        var stream = Name("bytes-limit");
        await store.AppendAsync(stream, [OfMeteredSize(100), OfMeteredSize(100), OfMeteredSize(100)]);

        Assert.Equal(2, (await store.ReadAsync(stream, 0, new ReadLimits(Bytes: 250))).Records.Count);
        Assert.Equal(2, (await store.ReadAsync(stream, 0, new ReadLimits(Bytes: 200))).Records.Count);
        Assert.Equal(2, (await store.ReadAsync(stream, 0, new ReadLimits(Count: 2, Bytes: 1000))).Records.Count);
        // As in S2, a first record larger than the limit is not returned: the batch is empty (the tail tells why).
        var none = await store.ReadAsync(stream, 0, new ReadLimits(Bytes: 99));
        Assert.Empty(none.Records);
        Assert.Equal(3, none.Tail.SeqNum);
    }

    [Fact]
    public async Task A_read_returns_at_most_1000_records_whatever_the_count_limit()
    {
        var store = await StoreAsync();
        var stream = Name("cap-count");
        await store.AppendAsync(stream, [.. Enumerable.Range(0, 1000).Select(_ => Text("x"))]);
        await store.AppendAsync(stream, Texts("y", "z"));
        Assert.Equal(1000, (await store.ReadAsync(stream, 0)).Records.Count);
        Assert.Equal(1000, (await store.ReadAsync(stream, 0, new ReadLimits(Count: 5000))).Records.Count);
        Assert.Equal(["x", "y", "z"], (await store.ReadAsync(stream, 999)).Records.Select(BodyText));
    }

    [Fact]
    public async Task A_read_returns_at_most_one_MiB_whatever_the_bytes_limit()
    {
        var store = await StoreAsync();
        var stream = Name("cap-bytes");
        for (var i = 0; i < 3; i++) await store.AppendAsync(stream, [OfMeteredSize(400 * 1024)]);
        Assert.Equal(2, (await store.ReadAsync(stream, 0)).Records.Count);
        Assert.Equal(2, (await store.ReadAsync(stream, 0, new ReadLimits(Bytes: 10L * 1024 * 1024))).Records.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("nul\0inside")]
    public async Task Invalid_stream_names_are_rejected(string stream)
    {
        var store = await StoreAsync();
        await AssertInvalid(() => store.AppendAsync(stream, Texts("x")));
        await AssertInvalid(() => store.CreateStreamAsync(stream));
        await AssertInvalid(() => store.ReadAsync(stream, 0));
        await AssertInvalid(() => store.CheckTailAsync(stream));
        await AssertInvalid(() => store.DeleteStreamAsync(stream));
    }

    [Fact]
    public async Task A_name_of_512_UTF8_bytes_is_accepted_and_one_of_513_is_rejected()
    {
        var store = await StoreAsync();
        var fits = Name("é").PadRight(511, 'n');
        Assert.Equal(512, System.Text.Encoding.UTF8.GetByteCount(fits));
        await store.AppendAsync(fits, Texts("x"));
        Assert.Equal(1, (await store.CheckTailAsync(fits)).SeqNum);
        await AssertInvalid(() => store.AppendAsync(fits + "n", Texts("x")));
        await AssertInvalid(() => store.ReadAsync(new string('é', 257), 0));
    }

    private static async Task AssertInvalid(Func<Task> action)
    {
        var error = await Assert.ThrowsAnyAsync<StreamStoreException>(action);
        Assert.Equal("invalid", error.Code);
    }
}
