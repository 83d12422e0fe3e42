using MailStreams.Store;


namespace MailStreams.Actors.Tests.Store;

public abstract partial class StreamStoreContract
{
    [Fact]
    public async Task The_tail_of_a_new_stream_is_zero_and_moves_with_appends()
    {
        var store = await StoreAsync();
        var stream = Name("tail");
        await store.CreateStreamAsync(stream);
        Assert.Equal(new StreamPosition(0, 0), await store.CheckTailAsync(stream));
        var empty = await store.ReadAsync(stream, 0);
        Assert.Empty(empty.Records);
        Assert.Equal(0, empty.Tail.SeqNum);

        var ack = await store.AppendAsync(stream, Texts("a", "b", "c"));
        Assert.Equal(new StreamPosition(3, ack.End.Timestamp), await store.CheckTailAsync(stream));
        var atTail = await store.ReadAsync(stream, 3);
        Assert.Empty(atTail.Records);
        Assert.Equal(3, atTail.Tail.SeqNum);
    }

    [Fact]
    public async Task Reading_or_checking_a_missing_stream_is_stream_not_found()
    {
        var store = await StoreAsync();
        var stream = Name("nowhere");
        Assert.Equal("stream_not_found", (await Assert.ThrowsAsync<StreamStoreException>(() => store.ReadAsync(stream, 0))).Code);
        Assert.Equal("stream_not_found", (await Assert.ThrowsAsync<StreamStoreException>(() => store.CheckTailAsync(stream))).Code);
    }

    [Fact]
    public async Task Creating_a_stream_twice_is_resource_already_exists()
    {
        var store = await StoreAsync();
        var stream = Name("twice");
        await store.CreateStreamAsync(stream);
        var error = await Assert.ThrowsAsync<StreamStoreException>(() => store.CreateStreamAsync(stream));
        Assert.Equal("resource_already_exists", error.Code);

        await store.AppendAsync(Name("appended"), Texts("x"));
        Assert.Equal("resource_already_exists",
            (await Assert.ThrowsAsync<StreamStoreException>(() => store.CreateStreamAsync(Name("appended")))).Code);
    }

    [Fact]
    public async Task A_deleted_stream_is_gone_and_an_append_starts_it_again_from_zero()
    {
        var store = await StoreAsync();
        var stream = Name("deleted");
        await store.AppendAsync(stream, Texts("a", "b"));
        await store.DeleteStreamAsync(stream);

        Assert.Equal("stream_not_found", (await Assert.ThrowsAsync<StreamStoreException>(() => store.ReadAsync(stream, 0))).Code);
        Assert.Equal("stream_not_found", (await Assert.ThrowsAsync<StreamStoreException>(() => store.DeleteStreamAsync(stream))).Code);
        Assert.DoesNotContain(await store.ListStreamsAsync(Prefix), s => s.Name == stream);

        var ack = await store.AppendAsync(stream, Texts("again"));
        Assert.Equal(0, ack.Start.SeqNum);
        Assert.Equal(["again"], (await store.ReadAsync(stream, 0)).Records.Select(BodyText));
    }

    [Fact]
    public async Task Listing_by_prefix_matches_the_prefix_exactly_in_name_order()
    {
        var store = await StoreAsync();
        string[] locals = ["p/a", "p/b%", "p%x", "p_x", "pa", "pX", "q", "p/a/deep", "p"];
        foreach (var local in locals) await store.CreateStreamAsync(Name(local));

        async Task<string[]> Listed(string localPrefix) =>
            [.. (await store.ListStreamsAsync(Name(localPrefix))).Select(s => s.Name[Prefix.Length..])];

        Assert.Equal(["p/a", "p/a/deep", "p/b%"], await Listed("p/"));
        Assert.Equal(["p%x"], await Listed("p%"));
        Assert.Equal(["p_x"], await Listed("p_"));
        Assert.Equal(["p", "p%x", "p/a", "p/a/deep", "p/b%", "pX", "p_x", "pa"], await Listed("p"));
        Assert.Equal(locals.Order(StringComparer.Ordinal), await Listed(""));
        Assert.Empty(await Listed("r"));

        var infos = await store.ListStreamsAsync(Name("q"));
        var created = Assert.Single(infos).CreatedAt;
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - created).TotalDays) < 1, $"created_at {created} should be about now");
    }

    [Fact]
    public async Task Listing_pages_with_start_after_and_limit()
    {
        var store = await StoreAsync();
        var expected = Enumerable.Range(0, 25).Select(i => Name($"page/{i:D2}")).ToList();
        foreach (var name in expected) await store.CreateStreamAsync(name);

        var listed = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await store.ListStreamsAsync(Name("page/"), after, limit: 10);
            listed.AddRange(page.Select(s => s.Name));
            pages++;
            if (page.Count < 10) break;
            after = page[^1].Name;
        }
        Assert.Equal(expected, listed);
        Assert.Equal(3, pages);
        Assert.Equal([Name("page/05"), Name("page/06")], (await store.ListStreamsAsync(Name("page/"), Name("page/04"), 2)).Select(s => s.Name));
        Assert.Equal([Name("page/00")], (await store.ListStreamsAsync(Name("page/"), Name("page/"), 1)).Select(s => s.Name));
    }
}
