namespace EdgeTwin.Models.Trees;

/// <summary>Settings of the gradient-boosted regression trees (squared loss, histogram splits).</summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Number of trees.</summary>
    public int Trees { get; init; } = 300;

    /// <summary>Shrinkage applied to every leaf.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Maximum depth (a depth-d tree has at most 2^d leaves).</summary>
    public int MaxDepth { get; init; } = 5;

    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinLeafRows { get; init; } = 20;

    /// <summary>L2 regularisation of leaf values.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Fraction of rows each tree sees.</summary>
    public double RowSubsample { get; init; } = 0.8;

    /// <summary>Fraction of features each tree may split on.</summary>
    public double FeatureSubsample { get; init; } = 0.8;

    /// <summary>Histogram bins per feature (at most 255).</summary>
    public int Bins { get; init; } = 64;

    /// <summary>Random seed (training is deterministic for a given seed).</summary>
    public int Seed { get; init; } = 1;
}
