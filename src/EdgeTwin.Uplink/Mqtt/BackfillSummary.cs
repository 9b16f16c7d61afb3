namespace EdgeTwin.Uplink.Mqtt;

/// <summary>A backlog that has been sent completely and acknowledged.</summary>
/// <param name="Messages">Messages sent as backfill.</param>
/// <param name="FirstSeq">Lowest seq sent as backfill.</param>
/// <param name="LastSeq">Highest seq sent as backfill.</param>
/// <param name="Duration">From the connect that found the backlog to the last acknowledgement.</param>
public sealed record BackfillSummary(long Messages, long FirstSeq, long LastSeq, TimeSpan Duration);
