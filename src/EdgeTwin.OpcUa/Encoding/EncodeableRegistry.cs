using System.Diagnostics.CodeAnalysis;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Encoding;

/// <summary>Decoders of the structures this client knows, by the NodeId of their DefaultBinary encoding (namespace 0).</summary>
public static class EncodeableRegistry
{
    private static readonly Dictionary<uint, Func<BinaryDecoder, IEncodeable>> Decoders = new()
    {
        [391] = static d => RequestHeader.Decode(d),
        [394] = static d => ResponseHeader.Decode(d),
        [397] = static d => ServiceFault.Decode(d),
        [443] = static d => ChannelSecurityToken.Decode(d),
        [446] = static d => OpenSecureChannelRequest.Decode(d),
        [449] = static d => OpenSecureChannelResponse.Decode(d),
        [452] = static d => CloseSecureChannelRequest.Decode(d),
        [455] = static d => CloseSecureChannelResponse.Decode(d),
        [310] = static d => ApplicationDescription.Decode(d),
        [306] = static d => UserTokenPolicy.Decode(d),
        [314] = static d => EndpointDescription.Decode(d),
        [428] = static d => GetEndpointsRequest.Decode(d),
        [431] = static d => GetEndpointsResponse.Decode(d),
        [346] = static d => SignedSoftwareCertificate.Decode(d),
        [458] = static d => SignatureData.Decode(d),
        [461] = static d => CreateSessionRequest.Decode(d),
        [464] = static d => CreateSessionResponse.Decode(d),
        [321] = static d => AnonymousIdentityToken.Decode(d),
        [324] = static d => UserNameIdentityToken.Decode(d),
        [467] = static d => ActivateSessionRequest.Decode(d),
        [470] = static d => ActivateSessionResponse.Decode(d),
        [473] = static d => CloseSessionRequest.Decode(d),
        [476] = static d => CloseSessionResponse.Decode(d),
        [628] = static d => ReadValueId.Decode(d),
        [631] = static d => ReadRequest.Decode(d),
        [634] = static d => ReadResponse.Decode(d),
        [670] = static d => WriteValue.Decode(d),
        [673] = static d => WriteRequest.Decode(d),
        [676] = static d => WriteResponse.Decode(d),
        [513] = static d => ViewDescription.Decode(d),
        [516] = static d => BrowseDescription.Decode(d),
        [520] = static d => ReferenceDescription.Decode(d),
        [524] = static d => BrowseResult.Decode(d),
        [527] = static d => BrowseRequest.Decode(d),
        [530] = static d => BrowseResponse.Decode(d),
        [533] = static d => BrowseNextRequest.Decode(d),
        [536] = static d => BrowseNextResponse.Decode(d),
        [539] = static d => RelativePathElement.Decode(d),
        [542] = static d => RelativePath.Decode(d),
        [545] = static d => BrowsePath.Decode(d),
        [548] = static d => BrowsePathTarget.Decode(d),
        [551] = static d => BrowsePathResult.Decode(d),
        [554] = static d => TranslateBrowsePathsToNodeIdsRequest.Decode(d),
        [557] = static d => TranslateBrowsePathsToNodeIdsResponse.Decode(d),
        [724] = static d => DataChangeFilter.Decode(d),
        [742] = static d => MonitoringParameters.Decode(d),
        [745] = static d => MonitoredItemCreateRequest.Decode(d),
        [748] = static d => MonitoredItemCreateResult.Decode(d),
        [751] = static d => CreateMonitoredItemsRequest.Decode(d),
        [754] = static d => CreateMonitoredItemsResponse.Decode(d),
        [781] = static d => DeleteMonitoredItemsRequest.Decode(d),
        [784] = static d => DeleteMonitoredItemsResponse.Decode(d),
        [787] = static d => CreateSubscriptionRequest.Decode(d),
        [790] = static d => CreateSubscriptionResponse.Decode(d),
        [808] = static d => MonitoredItemNotification.Decode(d),
        [811] = static d => DataChangeNotification.Decode(d),
        [919] = static d => EventFieldList.Decode(d),
        [916] = static d => EventNotificationList.Decode(d),
        [820] = static d => StatusChangeNotification.Decode(d),
        [805] = static d => NotificationMessage.Decode(d),
        [823] = static d => SubscriptionAcknowledgement.Decode(d),
        [826] = static d => PublishRequest.Decode(d),
        [829] = static d => PublishResponse.Decode(d),
        [832] = static d => RepublishRequest.Decode(d),
        [835] = static d => RepublishResponse.Decode(d),
        [838] = static d => TransferResult.Decode(d),
        [841] = static d => TransferSubscriptionsRequest.Decode(d),
        [844] = static d => TransferSubscriptionsResponse.Decode(d),
        [847] = static d => DeleteSubscriptionsRequest.Decode(d),
        [850] = static d => DeleteSubscriptionsResponse.Decode(d),
    };

    /// <summary>Finds the decoder for an encoding id.</summary>
    public static bool TryGetDecoder(NodeId encodingId, [NotNullWhen(true)] out Func<BinaryDecoder, IEncodeable>? decode)
    {
        if (encodingId.NamespaceIndex == 0 && encodingId.IdType == NodeIdType.Numeric)
        {
            return Decoders.TryGetValue(encodingId.NumericIdentifier, out decode);
        }

        decode = null;
        return false;
    }
}
