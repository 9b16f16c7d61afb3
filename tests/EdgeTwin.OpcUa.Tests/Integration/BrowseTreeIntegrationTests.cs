using EdgeTwin.OpcUa.Browsing;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Tests.Integration;

[Collection(OpcUaServerCollection.Name)]
public sealed class BrowseTreeIntegrationTests(OpcUaServerFixture fixture)
{
    [Fact]
    public async Task Tree_of_the_objects_folder_shows_plant_variables_with_types_and_values()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var tree = await new AddressSpaceBrowser(client).BrowseTreeAsync(options: new BrowseTreeOptions { Depth = 2 });

        Assert.Equal(WellKnownNodeIds.ObjectsFolder, tree.NodeId);
        var plant = Assert.Single(tree.Children, c => c.BrowseName.Name == "Plant");
        var temperature = Assert.Single(plant.Children, c => c.BrowseName.Name == "Temperature");
        Assert.Equal(NodeId.Parse("ns=1;s=Plant.Temperature"), temperature.NodeId);
        Assert.Equal(NodeClass.Variable, temperature.NodeClass);
        Assert.Equal("Double", temperature.DataTypeName);
        Assert.True(temperature.Value!.Value.StatusCode.IsGood);
        var many = Assert.Single(plant.Children, c => c.BrowseName.Name == "Many");
        Assert.True(many.Truncated);
        Assert.Empty(many.Children);

        var text = AddressSpaceTreeRenderer.Render(tree);
        Assert.StartsWith("Objects  i=85  Object\n", text);
        Assert.Contains("Temperature  ns=1;s=Plant.Temperature  Variable  Double = ", text);
        Assert.Contains("│  ├─ Counter  ns=1;s=Plant.Counter  Variable  Int32 = ", text);
        Assert.Contains("Many  ns=1;s=Plant.Many  Object  …", text);
    }

    [Fact]
    public async Task Tree_respects_the_node_limit_and_a_custom_root()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var tree = await new AddressSpaceBrowser(client).BrowseTreeAsync(NodeId.Parse("ns=1;s=Plant.Many"), new BrowseTreeOptions { Depth = 1, MaxNodes = 31 });

        Assert.Equal(30, tree.Children.Count);
        Assert.Equal("Item000", tree.Children[0].BrowseName.Name);
        Assert.Equal("UInt32", tree.Children[0].DataTypeName);
        Assert.Equal(new Variant(BuiltInType.UInt32, 0u), tree.Children[0].Value!.Value.Value);
        Assert.Equal(31, tree.DescendantsAndSelf().Count());
        Assert.True(tree.Truncated);
        await Assert.ThrowsAsync<OpcUaException>(() => new AddressSpaceBrowser(client).BrowseTreeAsync(NodeId.Parse("ns=1;s=Nope")));
    }
}
