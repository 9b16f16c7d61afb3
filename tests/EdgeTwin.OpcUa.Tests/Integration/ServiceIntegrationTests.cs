using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Tests.Integration;

[Collection(OpcUaServerCollection.Name)]
public sealed class ServiceIntegrationTests(OpcUaServerFixture fixture)
{
    private static readonly NodeId Temperature = NodeId.Parse("ns=1;s=Plant.Temperature");
    private static readonly NodeId Counter = NodeId.Parse("ns=1;s=Plant.Counter");
    private static readonly NodeId Running = NodeId.Parse("ns=1;s=Plant.Running");
    private static readonly NodeId Setpoint = NodeId.Parse("ns=1;s=Plant.Setpoint");

    [Fact]
    public async Task Anonymous_None_session_reads_the_plant_values()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());

        var values = await client.ReadAsync(
            new[] { Temperature, Counter, Running }.Select(id => new ReadValueId { NodeId = id, AttributeId = AttributeIds.Value }).ToArray());

        Assert.All(values, v => Assert.True(v.StatusCode.IsGood, v.StatusCode.ToString()));
        Assert.Equal(BuiltInType.Double, values[0].Value.Type);
        Assert.InRange((double)values[0].Value.Value!, 15.0, 25.0);
        Assert.Equal(BuiltInType.Int32, values[1].Value.Type);
        Assert.Equal(BuiltInType.Boolean, values[2].Value.Type);
        Assert.NotNull(values[0].SourceTimestamp);
        Assert.Contains("urn:", client.NamespaceUris[1]);
        Assert.Equal(50u, client.OperationLimits.MaxNodesPerRead);
    }

    [Fact]
    public async Task Read_of_many_nodes_is_split_by_MaxNodesPerRead()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var nodes = Enumerable.Range(0, 120).Select(i => new ReadValueId { NodeId = NodeId.Parse($"ns=1;s=Plant.Many.Item{i}"), AttributeId = AttributeIds.Value }).ToArray();

        var values = await client.ReadAsync(nodes);

        Assert.Equal(120, values.Count);
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(new Variant(BuiltInType.UInt32, (uint)i), values[i].Value);
        }
    }

    [Fact]
    public async Task Unknown_node_reads_as_BadNodeIdUnknown()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var value = await client.ReadValueAsync(NodeId.Parse("ns=1;s=Plant.DoesNotExist"));
        Assert.Equal(StatusCodes.BadNodeIdUnknown, value.StatusCode.Code);
    }

    [Fact]
    public async Task Write_then_read_back_the_setpoint()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var target = 40 + Random.Shared.NextDouble();

        var status = await client.WriteValueAsync(Setpoint, target);

        Assert.True(status.IsGood, status.ToString());
        Assert.Equal(target, (await client.ReadValueAsync(Setpoint)).Value.Value);
        Assert.Equal(StatusCodes.BadTypeMismatch, (await client.WriteValueAsync(Setpoint, "text")).CodeWithoutInfoBits);
    }

    [Fact]
    public async Task Large_array_is_written_and_read_back_over_many_chunks()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var values = Enumerable.Range(0, 30_000).Select(i => i * 0.5).ToArray(); // 240 KB: several 64 KB chunks each way

        var status = await client.WriteValueAsync(NodeId.Parse("ns=1;s=Plant.Buffer"), Variant.FromArray(values, BuiltInType.Double));
        var read = await client.ReadValueAsync(NodeId.Parse("ns=1;s=Plant.Buffer"));

        Assert.True(status.IsGood, status.ToString());
        Assert.Equal(values, (double[])read.Value.Value!);
    }

    [Fact]
    public async Task Browse_follows_continuation_points_and_batches_by_MaxNodesPerBrowse()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var many = NodeId.Parse("ns=1;s=Plant.Many");

        var results = await client.BrowseAsync(
            Enumerable.Repeat(new BrowseDescription { NodeId = many, BrowseDirection = BrowseDirection.Forward, ReferenceTypeId = WellKnownNodeIds.HierarchicalReferences, IncludeSubtypes = true, ResultMask = 63 }, 25).ToArray(),
            maxReferencesPerNode: 7);

        Assert.Equal(25, results.Count);
        Assert.All(results, r => Assert.Equal(120, r.References.Count));
        Assert.Contains(results[0].References, r => r.BrowseName == new QualifiedName(1, "Item007") && r.NodeClass == NodeClass.Variable);
    }

    [Fact]
    public async Task Browse_objects_folder_finds_the_plant()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var references = await client.BrowseAsync(WellKnownNodeIds.ObjectsFolder);
        Assert.Contains(references, r => r.BrowseName.Name == "Plant" && r.NodeClass == NodeClass.Object);
        Assert.Contains(references, r => r.NodeId.NodeId == WellKnownNodeIds.Server);
    }

    [Fact]
    public async Task TranslateBrowsePath_resolves_plant_temperature()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var nodeId = await client.TranslateBrowsePathAsync(WellKnownNodeIds.ObjectsFolder, [new QualifiedName(1, "Plant"), new QualifiedName(1, "Temperature")]);
        Assert.Equal(Temperature, nodeId);
        var error = await Assert.ThrowsAsync<OpcUaException>(() => client.TranslateBrowsePathAsync(WellKnownNodeIds.ObjectsFolder, [new QualifiedName(1, "Nope")]));
        Assert.True(error.StatusCode.IsBad);
    }
}
