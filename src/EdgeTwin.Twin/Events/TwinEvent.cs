namespace EdgeTwin.Twin.Events;

/// <summary>Something that happened in the twin and goes out on the events topic.</summary>
/// <param name="Type">alarmRaised, alarmCleared, alarmAcknowledged, anomalyStarted, anomalyEnded, learningProgress, modelLoaded, ...</param>
/// <param name="Asset">Asset id.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Fields">Further fields (alarm id, severity, value, limit, message...), written as JSON members.</param>
public sealed record TwinEvent(string Type, string Asset, DateTime Time, IReadOnlyDictionary<string, object?> Fields);
