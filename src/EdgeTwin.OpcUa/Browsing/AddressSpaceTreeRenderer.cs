using System.Text;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Browsing;

/// <summary>Renders a browsed tree as indented text: name, node id, class, data type and value.</summary>
public static class AddressSpaceTreeRenderer
{
    /// <summary>Renders the tree, one node per line, e.g. <c>├─ Temperature  ns=1;s=Plant.Temperature  Variable  Double = 21.5</c>.</summary>
    public static string Render(AddressSpaceNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        text.Append(Describe(root)).Append('\n');
        Append(text, root.Children, string.Empty);
        return text.ToString();
    }

    /// <summary>One line for a node, without tree decoration.</summary>
    public static string Describe(AddressSpaceNode node)
    {
        var line = new StringBuilder();
        var name = node.DisplayName.Text ?? node.BrowseName.Name ?? node.NodeId.ToString();
        line.Append(name).Append("  ").Append(node.NodeId).Append("  ").Append(node.NodeClass);
        if (node.NodeClass == NodeClass.Variable)
        {
            line.Append("  ").Append(node.DataTypeName ?? node.DataType?.ToString() ?? "?");
            if (node.Value is { } value)
            {
                line.Append(" = ").Append(value.StatusCode.IsBad ? $"<{value.StatusCode.Name}>" : value.Value.ToString());
                if (value.StatusCode.IsUncertain)
                {
                    line.Append(" (").Append(value.StatusCode.Name).Append(')');
                }
            }
        }

        if (node.Truncated)
        {
            line.Append("  …");
        }

        if (node.BrowseStatus is { } status)
        {
            line.Append("  <browse failed: ").Append(status.Name).Append('>');
        }

        return line.ToString();
    }

    private static void Append(StringBuilder text, IReadOnlyList<AddressSpaceNode> children, string indent)
    {
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            text.Append(indent).Append(last ? "└─ " : "├─ ").Append(Describe(children[i])).Append('\n');
            Append(text, children[i].Children, indent + (last ? "   " : "│  "));
        }
    }
}
