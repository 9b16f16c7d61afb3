// Generated from the status code table of OPC 10000-6 Annex A (names and values only).
namespace EdgeTwin.OpcUa;

/// <summary>Well-known OPC UA status code values (OPC 10000-4 §7.39, OPC 10000-6 Annex A).</summary>
public static partial class StatusCodes
{
    /// <summary>Good.</summary>
    public const uint Good = 0x00000000;
    /// <summary>Uncertain.</summary>
    public const uint Uncertain = 0x40000000;
    /// <summary>Bad.</summary>
    public const uint Bad = 0x80000000;
    /// <summary>BadUnexpectedError.</summary>
    public const uint BadUnexpectedError = 0x80010000;
    /// <summary>BadInternalError.</summary>
    public const uint BadInternalError = 0x80020000;
    /// <summary>BadOutOfMemory.</summary>
    public const uint BadOutOfMemory = 0x80030000;
    /// <summary>BadResourceUnavailable.</summary>
    public const uint BadResourceUnavailable = 0x80040000;
    /// <summary>BadCommunicationError.</summary>
    public const uint BadCommunicationError = 0x80050000;
    /// <summary>BadEncodingError.</summary>
    public const uint BadEncodingError = 0x80060000;
    /// <summary>BadDecodingError.</summary>
    public const uint BadDecodingError = 0x80070000;
    /// <summary>BadEncodingLimitsExceeded.</summary>
    public const uint BadEncodingLimitsExceeded = 0x80080000;
    /// <summary>BadRequestTooLarge.</summary>
    public const uint BadRequestTooLarge = 0x80B80000;
    /// <summary>BadResponseTooLarge.</summary>
    public const uint BadResponseTooLarge = 0x80B90000;
    /// <summary>BadUnknownResponse.</summary>
    public const uint BadUnknownResponse = 0x80090000;
    /// <summary>BadTimeout.</summary>
    public const uint BadTimeout = 0x800A0000;
    /// <summary>BadServiceUnsupported.</summary>
    public const uint BadServiceUnsupported = 0x800B0000;
    /// <summary>BadShutdown.</summary>
    public const uint BadShutdown = 0x800C0000;
    /// <summary>BadServerNotConnected.</summary>
    public const uint BadServerNotConnected = 0x800D0000;
    /// <summary>BadServerHalted.</summary>
    public const uint BadServerHalted = 0x800E0000;
    /// <summary>BadNothingToDo.</summary>
    public const uint BadNothingToDo = 0x800F0000;
    /// <summary>BadTooManyOperations.</summary>
    public const uint BadTooManyOperations = 0x80100000;
    /// <summary>BadTooManyMonitoredItems.</summary>
    public const uint BadTooManyMonitoredItems = 0x80DB0000;
    /// <summary>BadDataTypeIdUnknown.</summary>
    public const uint BadDataTypeIdUnknown = 0x80110000;
    /// <summary>BadCertificateInvalid.</summary>
    public const uint BadCertificateInvalid = 0x80120000;
    /// <summary>BadSecurityChecksFailed.</summary>
    public const uint BadSecurityChecksFailed = 0x80130000;
    /// <summary>BadCertificatePolicyCheckFailed.</summary>
    public const uint BadCertificatePolicyCheckFailed = 0x81140000;
    /// <summary>BadCertificateTimeInvalid.</summary>
    public const uint BadCertificateTimeInvalid = 0x80140000;
    /// <summary>BadCertificateIssuerTimeInvalid.</summary>
    public const uint BadCertificateIssuerTimeInvalid = 0x80150000;
    /// <summary>BadCertificateHostNameInvalid.</summary>
    public const uint BadCertificateHostNameInvalid = 0x80160000;
    /// <summary>BadCertificateUriInvalid.</summary>
    public const uint BadCertificateUriInvalid = 0x80170000;
    /// <summary>BadCertificateUseNotAllowed.</summary>
    public const uint BadCertificateUseNotAllowed = 0x80180000;
    /// <summary>BadCertificateIssuerUseNotAllowed.</summary>
    public const uint BadCertificateIssuerUseNotAllowed = 0x80190000;
    /// <summary>BadCertificateUntrusted.</summary>
    public const uint BadCertificateUntrusted = 0x801A0000;
    /// <summary>BadCertificateRevocationUnknown.</summary>
    public const uint BadCertificateRevocationUnknown = 0x801B0000;
    /// <summary>BadCertificateIssuerRevocationUnknown.</summary>
    public const uint BadCertificateIssuerRevocationUnknown = 0x801C0000;
    /// <summary>BadCertificateRevoked.</summary>
    public const uint BadCertificateRevoked = 0x801D0000;
    /// <summary>BadCertificateIssuerRevoked.</summary>
    public const uint BadCertificateIssuerRevoked = 0x801E0000;
    /// <summary>BadCertificateChainIncomplete.</summary>
    public const uint BadCertificateChainIncomplete = 0x810D0000;
    /// <summary>BadUserAccessDenied.</summary>
    public const uint BadUserAccessDenied = 0x801F0000;
    /// <summary>BadIdentityTokenInvalid.</summary>
    public const uint BadIdentityTokenInvalid = 0x80200000;
    /// <summary>BadIdentityTokenRejected.</summary>
    public const uint BadIdentityTokenRejected = 0x80210000;
    /// <summary>BadSecureChannelIdInvalid.</summary>
    public const uint BadSecureChannelIdInvalid = 0x80220000;
    /// <summary>BadInvalidTimestamp.</summary>
    public const uint BadInvalidTimestamp = 0x80230000;
    /// <summary>BadNonceInvalid.</summary>
    public const uint BadNonceInvalid = 0x80240000;
    /// <summary>BadSessionIdInvalid.</summary>
    public const uint BadSessionIdInvalid = 0x80250000;
    /// <summary>BadSessionClosed.</summary>
    public const uint BadSessionClosed = 0x80260000;
    /// <summary>BadSessionNotActivated.</summary>
    public const uint BadSessionNotActivated = 0x80270000;
    /// <summary>BadSubscriptionIdInvalid.</summary>
    public const uint BadSubscriptionIdInvalid = 0x80280000;
    /// <summary>BadRequestHeaderInvalid.</summary>
    public const uint BadRequestHeaderInvalid = 0x802A0000;
    /// <summary>BadTimestampsToReturnInvalid.</summary>
    public const uint BadTimestampsToReturnInvalid = 0x802B0000;
    /// <summary>BadRequestCancelledByClient.</summary>
    public const uint BadRequestCancelledByClient = 0x802C0000;
    /// <summary>BadTooManyArguments.</summary>
    public const uint BadTooManyArguments = 0x80E50000;
    /// <summary>BadLicenseExpired.</summary>
    public const uint BadLicenseExpired = 0x810E0000;
    /// <summary>BadLicenseLimitsExceeded.</summary>
    public const uint BadLicenseLimitsExceeded = 0x810F0000;
    /// <summary>BadLicenseNotAvailable.</summary>
    public const uint BadLicenseNotAvailable = 0x81100000;
    /// <summary>BadServerTooBusy.</summary>
    public const uint BadServerTooBusy = 0x80EE0000;
    /// <summary>GoodPasswordChangeRequired.</summary>
    public const uint GoodPasswordChangeRequired = 0x00EF0000;
    /// <summary>GoodSubscriptionTransferred.</summary>
    public const uint GoodSubscriptionTransferred = 0x002D0000;
    /// <summary>GoodCompletesAsynchronously.</summary>
    public const uint GoodCompletesAsynchronously = 0x002E0000;
    /// <summary>GoodOverload.</summary>
    public const uint GoodOverload = 0x002F0000;
    /// <summary>GoodClamped.</summary>
    public const uint GoodClamped = 0x00300000;
    /// <summary>BadNoCommunication.</summary>
    public const uint BadNoCommunication = 0x80310000;
    /// <summary>BadWaitingForInitialData.</summary>
    public const uint BadWaitingForInitialData = 0x80320000;
    /// <summary>BadNodeIdInvalid.</summary>
    public const uint BadNodeIdInvalid = 0x80330000;
    /// <summary>BadNodeIdUnknown.</summary>
    public const uint BadNodeIdUnknown = 0x80340000;
    /// <summary>BadAttributeIdInvalid.</summary>
    public const uint BadAttributeIdInvalid = 0x80350000;
    /// <summary>BadIndexRangeInvalid.</summary>
    public const uint BadIndexRangeInvalid = 0x80360000;
    /// <summary>BadIndexRangeNoData.</summary>
    public const uint BadIndexRangeNoData = 0x80370000;
    /// <summary>BadIndexRangeDataMismatch.</summary>
    public const uint BadIndexRangeDataMismatch = 0x80EA0000;
    /// <summary>BadDataEncodingInvalid.</summary>
    public const uint BadDataEncodingInvalid = 0x80380000;
    /// <summary>BadDataEncodingUnsupported.</summary>
    public const uint BadDataEncodingUnsupported = 0x80390000;
    /// <summary>BadNotReadable.</summary>
    public const uint BadNotReadable = 0x803A0000;
    /// <summary>BadNotWritable.</summary>
    public const uint BadNotWritable = 0x803B0000;
    /// <summary>BadOutOfRange.</summary>
    public const uint BadOutOfRange = 0x803C0000;
    /// <summary>BadNotSupported.</summary>
    public const uint BadNotSupported = 0x803D0000;
    /// <summary>BadNotFound.</summary>
    public const uint BadNotFound = 0x803E0000;
    /// <summary>BadObjectDeleted.</summary>
    public const uint BadObjectDeleted = 0x803F0000;
    /// <summary>BadNotImplemented.</summary>
    public const uint BadNotImplemented = 0x80400000;
    /// <summary>BadMonitoringModeInvalid.</summary>
    public const uint BadMonitoringModeInvalid = 0x80410000;
    /// <summary>BadMonitoredItemIdInvalid.</summary>
    public const uint BadMonitoredItemIdInvalid = 0x80420000;
    /// <summary>BadMonitoredItemFilterInvalid.</summary>
    public const uint BadMonitoredItemFilterInvalid = 0x80430000;
    /// <summary>BadMonitoredItemFilterUnsupported.</summary>
    public const uint BadMonitoredItemFilterUnsupported = 0x80440000;
    /// <summary>BadFilterNotAllowed.</summary>
    public const uint BadFilterNotAllowed = 0x80450000;
    /// <summary>BadStructureMissing.</summary>
    public const uint BadStructureMissing = 0x80460000;
    /// <summary>BadEventFilterInvalid.</summary>
    public const uint BadEventFilterInvalid = 0x80470000;
    /// <summary>BadContentFilterInvalid.</summary>
    public const uint BadContentFilterInvalid = 0x80480000;
    /// <summary>BadFilterOperatorInvalid.</summary>
    public const uint BadFilterOperatorInvalid = 0x80C10000;
    /// <summary>BadFilterOperatorUnsupported.</summary>
    public const uint BadFilterOperatorUnsupported = 0x80C20000;
    /// <summary>BadFilterOperandCountMismatch.</summary>
    public const uint BadFilterOperandCountMismatch = 0x80C30000;
    /// <summary>BadFilterOperandInvalid.</summary>
    public const uint BadFilterOperandInvalid = 0x80490000;
    /// <summary>BadFilterElementInvalid.</summary>
    public const uint BadFilterElementInvalid = 0x80C40000;
    /// <summary>BadFilterLiteralInvalid.</summary>
    public const uint BadFilterLiteralInvalid = 0x80C50000;
    /// <summary>BadContinuationPointInvalid.</summary>
    public const uint BadContinuationPointInvalid = 0x804A0000;
    /// <summary>BadNoContinuationPoints.</summary>
    public const uint BadNoContinuationPoints = 0x804B0000;
    /// <summary>BadReferenceTypeIdInvalid.</summary>
    public const uint BadReferenceTypeIdInvalid = 0x804C0000;
    /// <summary>BadBrowseDirectionInvalid.</summary>
    public const uint BadBrowseDirectionInvalid = 0x804D0000;
    /// <summary>BadNodeNotInView.</summary>
    public const uint BadNodeNotInView = 0x804E0000;
    /// <summary>BadNumericOverflow.</summary>
    public const uint BadNumericOverflow = 0x81120000;
    /// <summary>BadLocaleNotSupported.</summary>
    public const uint BadLocaleNotSupported = 0x80ED0000;
    /// <summary>BadNoValue.</summary>
    public const uint BadNoValue = 0x80F00000;
    /// <summary>BadServerUriInvalid.</summary>
    public const uint BadServerUriInvalid = 0x804F0000;
    /// <summary>BadServerNameMissing.</summary>
    public const uint BadServerNameMissing = 0x80500000;
    /// <summary>BadDiscoveryUrlMissing.</summary>
    public const uint BadDiscoveryUrlMissing = 0x80510000;
    /// <summary>BadSempahoreFileMissing.</summary>
    public const uint BadSempahoreFileMissing = 0x80520000;
    /// <summary>BadRequestTypeInvalid.</summary>
    public const uint BadRequestTypeInvalid = 0x80530000;
    /// <summary>BadSecurityModeRejected.</summary>
    public const uint BadSecurityModeRejected = 0x80540000;
    /// <summary>BadSecurityPolicyRejected.</summary>
    public const uint BadSecurityPolicyRejected = 0x80550000;
    /// <summary>BadTooManySessions.</summary>
    public const uint BadTooManySessions = 0x80560000;
    /// <summary>BadUserSignatureInvalid.</summary>
    public const uint BadUserSignatureInvalid = 0x80570000;
    /// <summary>BadApplicationSignatureInvalid.</summary>
    public const uint BadApplicationSignatureInvalid = 0x80580000;
    /// <summary>BadNoValidCertificates.</summary>
    public const uint BadNoValidCertificates = 0x80590000;
    /// <summary>BadIdentityChangeNotSupported.</summary>
    public const uint BadIdentityChangeNotSupported = 0x80C60000;
    /// <summary>BadRequestCancelledByRequest.</summary>
    public const uint BadRequestCancelledByRequest = 0x805A0000;
    /// <summary>BadParentNodeIdInvalid.</summary>
    public const uint BadParentNodeIdInvalid = 0x805B0000;
    /// <summary>BadReferenceNotAllowed.</summary>
    public const uint BadReferenceNotAllowed = 0x805C0000;
    /// <summary>BadNodeIdRejected.</summary>
    public const uint BadNodeIdRejected = 0x805D0000;
    /// <summary>BadNodeIdExists.</summary>
    public const uint BadNodeIdExists = 0x805E0000;
    /// <summary>BadNodeClassInvalid.</summary>
    public const uint BadNodeClassInvalid = 0x805F0000;
    /// <summary>BadBrowseNameInvalid.</summary>
    public const uint BadBrowseNameInvalid = 0x80600000;
    /// <summary>BadBrowseNameDuplicated.</summary>
    public const uint BadBrowseNameDuplicated = 0x80610000;
    /// <summary>BadNodeAttributesInvalid.</summary>
    public const uint BadNodeAttributesInvalid = 0x80620000;
    /// <summary>BadTypeDefinitionInvalid.</summary>
    public const uint BadTypeDefinitionInvalid = 0x80630000;
    /// <summary>BadSourceNodeIdInvalid.</summary>
    public const uint BadSourceNodeIdInvalid = 0x80640000;
    /// <summary>BadTargetNodeIdInvalid.</summary>
    public const uint BadTargetNodeIdInvalid = 0x80650000;
    /// <summary>BadDuplicateReferenceNotAllowed.</summary>
    public const uint BadDuplicateReferenceNotAllowed = 0x80660000;
    /// <summary>BadInvalidSelfReference.</summary>
    public const uint BadInvalidSelfReference = 0x80670000;
    /// <summary>BadReferenceLocalOnly.</summary>
    public const uint BadReferenceLocalOnly = 0x80680000;
    /// <summary>BadNoDeleteRights.</summary>
    public const uint BadNoDeleteRights = 0x80690000;
    /// <summary>UncertainReferenceNotDeleted.</summary>
    public const uint UncertainReferenceNotDeleted = 0x40BC0000;
    /// <summary>BadServerIndexInvalid.</summary>
    public const uint BadServerIndexInvalid = 0x806A0000;
    /// <summary>BadViewIdUnknown.</summary>
    public const uint BadViewIdUnknown = 0x806B0000;
    /// <summary>BadViewTimestampInvalid.</summary>
    public const uint BadViewTimestampInvalid = 0x80C90000;
    /// <summary>BadViewParameterMismatch.</summary>
    public const uint BadViewParameterMismatch = 0x80CA0000;
    /// <summary>BadViewVersionInvalid.</summary>
    public const uint BadViewVersionInvalid = 0x80CB0000;
    /// <summary>UncertainNotAllNodesAvailable.</summary>
    public const uint UncertainNotAllNodesAvailable = 0x40C00000;
    /// <summary>GoodResultsMayBeIncomplete.</summary>
    public const uint GoodResultsMayBeIncomplete = 0x00BA0000;
    /// <summary>BadNotTypeDefinition.</summary>
    public const uint BadNotTypeDefinition = 0x80C80000;
    /// <summary>UncertainReferenceOutOfServer.</summary>
    public const uint UncertainReferenceOutOfServer = 0x406C0000;
    /// <summary>BadTooManyMatches.</summary>
    public const uint BadTooManyMatches = 0x806D0000;
    /// <summary>BadQueryTooComplex.</summary>
    public const uint BadQueryTooComplex = 0x806E0000;
    /// <summary>BadNoMatch.</summary>
    public const uint BadNoMatch = 0x806F0000;
    /// <summary>BadMaxAgeInvalid.</summary>
    public const uint BadMaxAgeInvalid = 0x80700000;
    /// <summary>BadSecurityModeInsufficient.</summary>
    public const uint BadSecurityModeInsufficient = 0x80E60000;
    /// <summary>BadHistoryOperationInvalid.</summary>
    public const uint BadHistoryOperationInvalid = 0x80710000;
    /// <summary>BadHistoryOperationUnsupported.</summary>
    public const uint BadHistoryOperationUnsupported = 0x80720000;
    /// <summary>BadInvalidTimestampArgument.</summary>
    public const uint BadInvalidTimestampArgument = 0x80BD0000;
    /// <summary>BadWriteNotSupported.</summary>
    public const uint BadWriteNotSupported = 0x80730000;
    /// <summary>BadTypeMismatch.</summary>
    public const uint BadTypeMismatch = 0x80740000;
    /// <summary>BadMethodInvalid.</summary>
    public const uint BadMethodInvalid = 0x80750000;
    /// <summary>BadArgumentsMissing.</summary>
    public const uint BadArgumentsMissing = 0x80760000;
    /// <summary>BadNotExecutable.</summary>
    public const uint BadNotExecutable = 0x81110000;
    /// <summary>BadTooManySubscriptions.</summary>
    public const uint BadTooManySubscriptions = 0x80770000;
    /// <summary>BadTooManyPublishRequests.</summary>
    public const uint BadTooManyPublishRequests = 0x80780000;
    /// <summary>BadNoSubscription.</summary>
    public const uint BadNoSubscription = 0x80790000;
    /// <summary>BadSequenceNumberUnknown.</summary>
    public const uint BadSequenceNumberUnknown = 0x807A0000;
    /// <summary>GoodRetransmissionQueueNotSupported.</summary>
    public const uint GoodRetransmissionQueueNotSupported = 0x00DF0000;
    /// <summary>BadMessageNotAvailable.</summary>
    public const uint BadMessageNotAvailable = 0x807B0000;
    /// <summary>BadInsufficientClientProfile.</summary>
    public const uint BadInsufficientClientProfile = 0x807C0000;
    /// <summary>BadStateNotActive.</summary>
    public const uint BadStateNotActive = 0x80BF0000;
    /// <summary>BadAlreadyExists.</summary>
    public const uint BadAlreadyExists = 0x81150000;
    /// <summary>BadTcpServerTooBusy.</summary>
    public const uint BadTcpServerTooBusy = 0x807D0000;
    /// <summary>BadTcpMessageTypeInvalid.</summary>
    public const uint BadTcpMessageTypeInvalid = 0x807E0000;
    /// <summary>BadTcpSecureChannelUnknown.</summary>
    public const uint BadTcpSecureChannelUnknown = 0x807F0000;
    /// <summary>BadTcpMessageTooLarge.</summary>
    public const uint BadTcpMessageTooLarge = 0x80800000;
    /// <summary>BadTcpNotEnoughResources.</summary>
    public const uint BadTcpNotEnoughResources = 0x80810000;
    /// <summary>BadTcpInternalError.</summary>
    public const uint BadTcpInternalError = 0x80820000;
    /// <summary>BadTcpEndpointUrlInvalid.</summary>
    public const uint BadTcpEndpointUrlInvalid = 0x80830000;
    /// <summary>BadRequestInterrupted.</summary>
    public const uint BadRequestInterrupted = 0x80840000;
    /// <summary>BadRequestTimeout.</summary>
    public const uint BadRequestTimeout = 0x80850000;
    /// <summary>BadSecureChannelClosed.</summary>
    public const uint BadSecureChannelClosed = 0x80860000;
    /// <summary>BadSecureChannelTokenUnknown.</summary>
    public const uint BadSecureChannelTokenUnknown = 0x80870000;
    /// <summary>BadSequenceNumberInvalid.</summary>
    public const uint BadSequenceNumberInvalid = 0x80880000;
    /// <summary>BadProtocolVersionUnsupported.</summary>
    public const uint BadProtocolVersionUnsupported = 0x80BE0000;
    /// <summary>BadConfigurationError.</summary>
    public const uint BadConfigurationError = 0x80890000;
    /// <summary>BadNotConnected.</summary>
    public const uint BadNotConnected = 0x808A0000;
    /// <summary>BadDeviceFailure.</summary>
    public const uint BadDeviceFailure = 0x808B0000;
    /// <summary>BadSensorFailure.</summary>
    public const uint BadSensorFailure = 0x808C0000;
    /// <summary>BadOutOfService.</summary>
    public const uint BadOutOfService = 0x808D0000;
    /// <summary>BadDeadbandFilterInvalid.</summary>
    public const uint BadDeadbandFilterInvalid = 0x808E0000;
    /// <summary>UncertainNoCommunicationLastUsableValue.</summary>
    public const uint UncertainNoCommunicationLastUsableValue = 0x408F0000;
    /// <summary>UncertainLastUsableValue.</summary>
    public const uint UncertainLastUsableValue = 0x40900000;
    /// <summary>UncertainSubstituteValue.</summary>
    public const uint UncertainSubstituteValue = 0x40910000;
    /// <summary>UncertainInitialValue.</summary>
    public const uint UncertainInitialValue = 0x40920000;
    /// <summary>UncertainSensorNotAccurate.</summary>
    public const uint UncertainSensorNotAccurate = 0x40930000;
    /// <summary>UncertainEngineeringUnitsExceeded.</summary>
    public const uint UncertainEngineeringUnitsExceeded = 0x40940000;
    /// <summary>UncertainSubNormal.</summary>
    public const uint UncertainSubNormal = 0x40950000;
    /// <summary>GoodLocalOverride.</summary>
    public const uint GoodLocalOverride = 0x00960000;
    /// <summary>GoodSubNormal.</summary>
    public const uint GoodSubNormal = 0x00EB0000;
    /// <summary>BadRefreshInProgress.</summary>
    public const uint BadRefreshInProgress = 0x80970000;
    /// <summary>BadConditionAlreadyDisabled.</summary>
    public const uint BadConditionAlreadyDisabled = 0x80980000;
    /// <summary>BadConditionAlreadyEnabled.</summary>
    public const uint BadConditionAlreadyEnabled = 0x80CC0000;
    /// <summary>BadConditionDisabled.</summary>
    public const uint BadConditionDisabled = 0x80990000;
    /// <summary>BadEventIdUnknown.</summary>
    public const uint BadEventIdUnknown = 0x809A0000;
    /// <summary>BadEventNotAcknowledgeable.</summary>
    public const uint BadEventNotAcknowledgeable = 0x80BB0000;
    /// <summary>BadDialogNotActive.</summary>
    public const uint BadDialogNotActive = 0x80CD0000;
    /// <summary>BadDialogResponseInvalid.</summary>
    public const uint BadDialogResponseInvalid = 0x80CE0000;
    /// <summary>BadConditionBranchAlreadyAcked.</summary>
    public const uint BadConditionBranchAlreadyAcked = 0x80CF0000;
    /// <summary>BadConditionBranchAlreadyConfirmed.</summary>
    public const uint BadConditionBranchAlreadyConfirmed = 0x80D00000;
    /// <summary>BadConditionAlreadyShelved.</summary>
    public const uint BadConditionAlreadyShelved = 0x80D10000;
    /// <summary>BadConditionNotShelved.</summary>
    public const uint BadConditionNotShelved = 0x80D20000;
    /// <summary>BadShelvingTimeOutOfRange.</summary>
    public const uint BadShelvingTimeOutOfRange = 0x80D30000;
    /// <summary>BadNoData.</summary>
    public const uint BadNoData = 0x809B0000;
    /// <summary>BadBoundNotFound.</summary>
    public const uint BadBoundNotFound = 0x80D70000;
    /// <summary>BadBoundNotSupported.</summary>
    public const uint BadBoundNotSupported = 0x80D80000;
    /// <summary>BadDataLost.</summary>
    public const uint BadDataLost = 0x809D0000;
    /// <summary>BadDataUnavailable.</summary>
    public const uint BadDataUnavailable = 0x809E0000;
    /// <summary>BadEntryExists.</summary>
    public const uint BadEntryExists = 0x809F0000;
    /// <summary>BadNoEntryExists.</summary>
    public const uint BadNoEntryExists = 0x80A00000;
    /// <summary>BadTimestampNotSupported.</summary>
    public const uint BadTimestampNotSupported = 0x80A10000;
    /// <summary>GoodEntryInserted.</summary>
    public const uint GoodEntryInserted = 0x00A20000;
    /// <summary>GoodEntryReplaced.</summary>
    public const uint GoodEntryReplaced = 0x00A30000;
    /// <summary>UncertainDataSubNormal.</summary>
    public const uint UncertainDataSubNormal = 0x40A40000;
    /// <summary>GoodNoData.</summary>
    public const uint GoodNoData = 0x00A50000;
    /// <summary>GoodMoreData.</summary>
    public const uint GoodMoreData = 0x00A60000;
    /// <summary>BadAggregateListMismatch.</summary>
    public const uint BadAggregateListMismatch = 0x80D40000;
    /// <summary>BadAggregateNotSupported.</summary>
    public const uint BadAggregateNotSupported = 0x80D50000;
    /// <summary>BadAggregateInvalidInputs.</summary>
    public const uint BadAggregateInvalidInputs = 0x80D60000;
    /// <summary>BadAggregateConfigurationRejected.</summary>
    public const uint BadAggregateConfigurationRejected = 0x80DA0000;
    /// <summary>GoodDataIgnored.</summary>
    public const uint GoodDataIgnored = 0x00D90000;
    /// <summary>BadRequestNotAllowed.</summary>
    public const uint BadRequestNotAllowed = 0x80E40000;
    /// <summary>BadRequestNotComplete.</summary>
    public const uint BadRequestNotComplete = 0x81130000;
    /// <summary>BadTransactionPending.</summary>
    public const uint BadTransactionPending = 0x80E80000;
    /// <summary>BadTicketRequired.</summary>
    public const uint BadTicketRequired = 0x811F0000;
    /// <summary>BadTicketInvalid.</summary>
    public const uint BadTicketInvalid = 0x81200000;
    /// <summary>BadLocked.</summary>
    public const uint BadLocked = 0x80E90000;
    /// <summary>BadRequiresLock.</summary>
    public const uint BadRequiresLock = 0x80EC0000;
    /// <summary>GoodEdited.</summary>
    public const uint GoodEdited = 0x00DC0000;
    /// <summary>GoodPostActionFailed.</summary>
    public const uint GoodPostActionFailed = 0x00DD0000;
    /// <summary>UncertainDominantValueChanged.</summary>
    public const uint UncertainDominantValueChanged = 0x40DE0000;
    /// <summary>GoodDependentValueChanged.</summary>
    public const uint GoodDependentValueChanged = 0x00E00000;
    /// <summary>BadDominantValueChanged.</summary>
    public const uint BadDominantValueChanged = 0x80E10000;
    /// <summary>UncertainDependentValueChanged.</summary>
    public const uint UncertainDependentValueChanged = 0x40E20000;
    /// <summary>BadDependentValueChanged.</summary>
    public const uint BadDependentValueChanged = 0x80E30000;
    /// <summary>GoodEdited_DependentValueChanged.</summary>
    public const uint GoodEdited_DependentValueChanged = 0x01160000;
    /// <summary>GoodEdited_DominantValueChanged.</summary>
    public const uint GoodEdited_DominantValueChanged = 0x01170000;
    /// <summary>GoodEdited_DominantValueChanged_DependentValueChanged.</summary>
    public const uint GoodEdited_DominantValueChanged_DependentValueChanged = 0x01180000;
    /// <summary>BadEdited_OutOfRange.</summary>
    public const uint BadEdited_OutOfRange = 0x81190000;
    /// <summary>BadInitialValue_OutOfRange.</summary>
    public const uint BadInitialValue_OutOfRange = 0x811A0000;
    /// <summary>BadOutOfRange_DominantValueChanged.</summary>
    public const uint BadOutOfRange_DominantValueChanged = 0x811B0000;
    /// <summary>BadEdited_OutOfRange_DominantValueChanged.</summary>
    public const uint BadEdited_OutOfRange_DominantValueChanged = 0x811C0000;
    /// <summary>BadOutOfRange_DominantValueChanged_DependentValueChanged.</summary>
    public const uint BadOutOfRange_DominantValueChanged_DependentValueChanged = 0x811D0000;
    /// <summary>BadEdited_OutOfRange_DominantValueChanged_DependentValueChanged.</summary>
    public const uint BadEdited_OutOfRange_DominantValueChanged_DependentValueChanged = 0x811E0000;
    /// <summary>GoodCommunicationEvent.</summary>
    public const uint GoodCommunicationEvent = 0x00A70000;
    /// <summary>GoodShutdownEvent.</summary>
    public const uint GoodShutdownEvent = 0x00A80000;
    /// <summary>GoodCallAgain.</summary>
    public const uint GoodCallAgain = 0x00A90000;
    /// <summary>GoodNonCriticalTimeout.</summary>
    public const uint GoodNonCriticalTimeout = 0x00AA0000;
    /// <summary>BadInvalidArgument.</summary>
    public const uint BadInvalidArgument = 0x80AB0000;
    /// <summary>BadConnectionRejected.</summary>
    public const uint BadConnectionRejected = 0x80AC0000;
    /// <summary>BadDisconnect.</summary>
    public const uint BadDisconnect = 0x80AD0000;
    /// <summary>BadConnectionClosed.</summary>
    public const uint BadConnectionClosed = 0x80AE0000;
    /// <summary>BadInvalidState.</summary>
    public const uint BadInvalidState = 0x80AF0000;
    /// <summary>BadEndOfStream.</summary>
    public const uint BadEndOfStream = 0x80B00000;
    /// <summary>BadNoDataAvailable.</summary>
    public const uint BadNoDataAvailable = 0x80B10000;
    /// <summary>BadWaitingForResponse.</summary>
    public const uint BadWaitingForResponse = 0x80B20000;
    /// <summary>BadOperationAbandoned.</summary>
    public const uint BadOperationAbandoned = 0x80B30000;
    /// <summary>BadExpectedStreamToBlock.</summary>
    public const uint BadExpectedStreamToBlock = 0x80B40000;
    /// <summary>BadWouldBlock.</summary>
    public const uint BadWouldBlock = 0x80B50000;
    /// <summary>BadSyntaxError.</summary>
    public const uint BadSyntaxError = 0x80B60000;
    /// <summary>BadMaxConnectionsReached.</summary>
    public const uint BadMaxConnectionsReached = 0x80B70000;
    /// <summary>UncertainTransducerInManual.</summary>
    public const uint UncertainTransducerInManual = 0x42080000;
    /// <summary>UncertainSimulatedValue.</summary>
    public const uint UncertainSimulatedValue = 0x42090000;
    /// <summary>UncertainSensorCalibration.</summary>
    public const uint UncertainSensorCalibration = 0x420A0000;
    /// <summary>UncertainConfigurationError.</summary>
    public const uint UncertainConfigurationError = 0x420F0000;
    /// <summary>GoodCascadeInitializationAcknowledged.</summary>
    public const uint GoodCascadeInitializationAcknowledged = 0x04010000;
    /// <summary>GoodCascadeInitializationRequest.</summary>
    public const uint GoodCascadeInitializationRequest = 0x04020000;
    /// <summary>GoodCascadeNotInvited.</summary>
    public const uint GoodCascadeNotInvited = 0x04030000;
    /// <summary>GoodCascadeNotSelected.</summary>
    public const uint GoodCascadeNotSelected = 0x04040000;
    /// <summary>GoodFaultStateActive.</summary>
    public const uint GoodFaultStateActive = 0x04070000;
    /// <summary>GoodInitiateFaultState.</summary>
    public const uint GoodInitiateFaultState = 0x04080000;
    /// <summary>GoodCascade.</summary>
    public const uint GoodCascade = 0x04090000;
    /// <summary>BadDataSetIdInvalid.</summary>
    public const uint BadDataSetIdInvalid = 0x80E70000;

    private static readonly Dictionary<uint, string> Names = new()
    {
        [0x00000000] = nameof(Good),
        [0x40000000] = nameof(Uncertain),
        [0x80000000] = nameof(Bad),
        [0x80010000] = nameof(BadUnexpectedError),
        [0x80020000] = nameof(BadInternalError),
        [0x80030000] = nameof(BadOutOfMemory),
        [0x80040000] = nameof(BadResourceUnavailable),
        [0x80050000] = nameof(BadCommunicationError),
        [0x80060000] = nameof(BadEncodingError),
        [0x80070000] = nameof(BadDecodingError),
        [0x80080000] = nameof(BadEncodingLimitsExceeded),
        [0x80B80000] = nameof(BadRequestTooLarge),
        [0x80B90000] = nameof(BadResponseTooLarge),
        [0x80090000] = nameof(BadUnknownResponse),
        [0x800A0000] = nameof(BadTimeout),
        [0x800B0000] = nameof(BadServiceUnsupported),
        [0x800C0000] = nameof(BadShutdown),
        [0x800D0000] = nameof(BadServerNotConnected),
        [0x800E0000] = nameof(BadServerHalted),
        [0x800F0000] = nameof(BadNothingToDo),
        [0x80100000] = nameof(BadTooManyOperations),
        [0x80DB0000] = nameof(BadTooManyMonitoredItems),
        [0x80110000] = nameof(BadDataTypeIdUnknown),
        [0x80120000] = nameof(BadCertificateInvalid),
        [0x80130000] = nameof(BadSecurityChecksFailed),
        [0x81140000] = nameof(BadCertificatePolicyCheckFailed),
        [0x80140000] = nameof(BadCertificateTimeInvalid),
        [0x80150000] = nameof(BadCertificateIssuerTimeInvalid),
        [0x80160000] = nameof(BadCertificateHostNameInvalid),
        [0x80170000] = nameof(BadCertificateUriInvalid),
        [0x80180000] = nameof(BadCertificateUseNotAllowed),
        [0x80190000] = nameof(BadCertificateIssuerUseNotAllowed),
        [0x801A0000] = nameof(BadCertificateUntrusted),
        [0x801B0000] = nameof(BadCertificateRevocationUnknown),
        [0x801C0000] = nameof(BadCertificateIssuerRevocationUnknown),
        [0x801D0000] = nameof(BadCertificateRevoked),
        [0x801E0000] = nameof(BadCertificateIssuerRevoked),
        [0x810D0000] = nameof(BadCertificateChainIncomplete),
        [0x801F0000] = nameof(BadUserAccessDenied),
        [0x80200000] = nameof(BadIdentityTokenInvalid),
        [0x80210000] = nameof(BadIdentityTokenRejected),
        [0x80220000] = nameof(BadSecureChannelIdInvalid),
        [0x80230000] = nameof(BadInvalidTimestamp),
        [0x80240000] = nameof(BadNonceInvalid),
        [0x80250000] = nameof(BadSessionIdInvalid),
        [0x80260000] = nameof(BadSessionClosed),
        [0x80270000] = nameof(BadSessionNotActivated),
        [0x80280000] = nameof(BadSubscriptionIdInvalid),
        [0x802A0000] = nameof(BadRequestHeaderInvalid),
        [0x802B0000] = nameof(BadTimestampsToReturnInvalid),
        [0x802C0000] = nameof(BadRequestCancelledByClient),
        [0x80E50000] = nameof(BadTooManyArguments),
        [0x810E0000] = nameof(BadLicenseExpired),
        [0x810F0000] = nameof(BadLicenseLimitsExceeded),
        [0x81100000] = nameof(BadLicenseNotAvailable),
        [0x80EE0000] = nameof(BadServerTooBusy),
        [0x00EF0000] = nameof(GoodPasswordChangeRequired),
        [0x002D0000] = nameof(GoodSubscriptionTransferred),
        [0x002E0000] = nameof(GoodCompletesAsynchronously),
        [0x002F0000] = nameof(GoodOverload),
        [0x00300000] = nameof(GoodClamped),
        [0x80310000] = nameof(BadNoCommunication),
        [0x80320000] = nameof(BadWaitingForInitialData),
        [0x80330000] = nameof(BadNodeIdInvalid),
        [0x80340000] = nameof(BadNodeIdUnknown),
        [0x80350000] = nameof(BadAttributeIdInvalid),
        [0x80360000] = nameof(BadIndexRangeInvalid),
        [0x80370000] = nameof(BadIndexRangeNoData),
        [0x80EA0000] = nameof(BadIndexRangeDataMismatch),
        [0x80380000] = nameof(BadDataEncodingInvalid),
        [0x80390000] = nameof(BadDataEncodingUnsupported),
        [0x803A0000] = nameof(BadNotReadable),
        [0x803B0000] = nameof(BadNotWritable),
        [0x803C0000] = nameof(BadOutOfRange),
        [0x803D0000] = nameof(BadNotSupported),
        [0x803E0000] = nameof(BadNotFound),
        [0x803F0000] = nameof(BadObjectDeleted),
        [0x80400000] = nameof(BadNotImplemented),
        [0x80410000] = nameof(BadMonitoringModeInvalid),
        [0x80420000] = nameof(BadMonitoredItemIdInvalid),
        [0x80430000] = nameof(BadMonitoredItemFilterInvalid),
        [0x80440000] = nameof(BadMonitoredItemFilterUnsupported),
        [0x80450000] = nameof(BadFilterNotAllowed),
        [0x80460000] = nameof(BadStructureMissing),
        [0x80470000] = nameof(BadEventFilterInvalid),
        [0x80480000] = nameof(BadContentFilterInvalid),
        [0x80C10000] = nameof(BadFilterOperatorInvalid),
        [0x80C20000] = nameof(BadFilterOperatorUnsupported),
        [0x80C30000] = nameof(BadFilterOperandCountMismatch),
        [0x80490000] = nameof(BadFilterOperandInvalid),
        [0x80C40000] = nameof(BadFilterElementInvalid),
        [0x80C50000] = nameof(BadFilterLiteralInvalid),
        [0x804A0000] = nameof(BadContinuationPointInvalid),
        [0x804B0000] = nameof(BadNoContinuationPoints),
        [0x804C0000] = nameof(BadReferenceTypeIdInvalid),
        [0x804D0000] = nameof(BadBrowseDirectionInvalid),
        [0x804E0000] = nameof(BadNodeNotInView),
        [0x81120000] = nameof(BadNumericOverflow),
        [0x80ED0000] = nameof(BadLocaleNotSupported),
        [0x80F00000] = nameof(BadNoValue),
        [0x804F0000] = nameof(BadServerUriInvalid),
        [0x80500000] = nameof(BadServerNameMissing),
        [0x80510000] = nameof(BadDiscoveryUrlMissing),
        [0x80520000] = nameof(BadSempahoreFileMissing),
        [0x80530000] = nameof(BadRequestTypeInvalid),
        [0x80540000] = nameof(BadSecurityModeRejected),
        [0x80550000] = nameof(BadSecurityPolicyRejected),
        [0x80560000] = nameof(BadTooManySessions),
        [0x80570000] = nameof(BadUserSignatureInvalid),
        [0x80580000] = nameof(BadApplicationSignatureInvalid),
        [0x80590000] = nameof(BadNoValidCertificates),
        [0x80C60000] = nameof(BadIdentityChangeNotSupported),
        [0x805A0000] = nameof(BadRequestCancelledByRequest),
        [0x805B0000] = nameof(BadParentNodeIdInvalid),
        [0x805C0000] = nameof(BadReferenceNotAllowed),
        [0x805D0000] = nameof(BadNodeIdRejected),
        [0x805E0000] = nameof(BadNodeIdExists),
        [0x805F0000] = nameof(BadNodeClassInvalid),
        [0x80600000] = nameof(BadBrowseNameInvalid),
        [0x80610000] = nameof(BadBrowseNameDuplicated),
        [0x80620000] = nameof(BadNodeAttributesInvalid),
        [0x80630000] = nameof(BadTypeDefinitionInvalid),
        [0x80640000] = nameof(BadSourceNodeIdInvalid),
        [0x80650000] = nameof(BadTargetNodeIdInvalid),
        [0x80660000] = nameof(BadDuplicateReferenceNotAllowed),
        [0x80670000] = nameof(BadInvalidSelfReference),
        [0x80680000] = nameof(BadReferenceLocalOnly),
        [0x80690000] = nameof(BadNoDeleteRights),
        [0x40BC0000] = nameof(UncertainReferenceNotDeleted),
        [0x806A0000] = nameof(BadServerIndexInvalid),
        [0x806B0000] = nameof(BadViewIdUnknown),
        [0x80C90000] = nameof(BadViewTimestampInvalid),
        [0x80CA0000] = nameof(BadViewParameterMismatch),
        [0x80CB0000] = nameof(BadViewVersionInvalid),
        [0x40C00000] = nameof(UncertainNotAllNodesAvailable),
        [0x00BA0000] = nameof(GoodResultsMayBeIncomplete),
        [0x80C80000] = nameof(BadNotTypeDefinition),
        [0x406C0000] = nameof(UncertainReferenceOutOfServer),
        [0x806D0000] = nameof(BadTooManyMatches),
        [0x806E0000] = nameof(BadQueryTooComplex),
        [0x806F0000] = nameof(BadNoMatch),
        [0x80700000] = nameof(BadMaxAgeInvalid),
        [0x80E60000] = nameof(BadSecurityModeInsufficient),
        [0x80710000] = nameof(BadHistoryOperationInvalid),
        [0x80720000] = nameof(BadHistoryOperationUnsupported),
        [0x80BD0000] = nameof(BadInvalidTimestampArgument),
        [0x80730000] = nameof(BadWriteNotSupported),
        [0x80740000] = nameof(BadTypeMismatch),
        [0x80750000] = nameof(BadMethodInvalid),
        [0x80760000] = nameof(BadArgumentsMissing),
        [0x81110000] = nameof(BadNotExecutable),
        [0x80770000] = nameof(BadTooManySubscriptions),
        [0x80780000] = nameof(BadTooManyPublishRequests),
        [0x80790000] = nameof(BadNoSubscription),
        [0x807A0000] = nameof(BadSequenceNumberUnknown),
        [0x00DF0000] = nameof(GoodRetransmissionQueueNotSupported),
        [0x807B0000] = nameof(BadMessageNotAvailable),
        [0x807C0000] = nameof(BadInsufficientClientProfile),
        [0x80BF0000] = nameof(BadStateNotActive),
        [0x81150000] = nameof(BadAlreadyExists),
        [0x807D0000] = nameof(BadTcpServerTooBusy),
        [0x807E0000] = nameof(BadTcpMessageTypeInvalid),
        [0x807F0000] = nameof(BadTcpSecureChannelUnknown),
        [0x80800000] = nameof(BadTcpMessageTooLarge),
        [0x80810000] = nameof(BadTcpNotEnoughResources),
        [0x80820000] = nameof(BadTcpInternalError),
        [0x80830000] = nameof(BadTcpEndpointUrlInvalid),
        [0x80840000] = nameof(BadRequestInterrupted),
        [0x80850000] = nameof(BadRequestTimeout),
        [0x80860000] = nameof(BadSecureChannelClosed),
        [0x80870000] = nameof(BadSecureChannelTokenUnknown),
        [0x80880000] = nameof(BadSequenceNumberInvalid),
        [0x80BE0000] = nameof(BadProtocolVersionUnsupported),
        [0x80890000] = nameof(BadConfigurationError),
        [0x808A0000] = nameof(BadNotConnected),
        [0x808B0000] = nameof(BadDeviceFailure),
        [0x808C0000] = nameof(BadSensorFailure),
        [0x808D0000] = nameof(BadOutOfService),
        [0x808E0000] = nameof(BadDeadbandFilterInvalid),
        [0x408F0000] = nameof(UncertainNoCommunicationLastUsableValue),
        [0x40900000] = nameof(UncertainLastUsableValue),
        [0x40910000] = nameof(UncertainSubstituteValue),
        [0x40920000] = nameof(UncertainInitialValue),
        [0x40930000] = nameof(UncertainSensorNotAccurate),
        [0x40940000] = nameof(UncertainEngineeringUnitsExceeded),
        [0x40950000] = nameof(UncertainSubNormal),
        [0x00960000] = nameof(GoodLocalOverride),
        [0x00EB0000] = nameof(GoodSubNormal),
        [0x80970000] = nameof(BadRefreshInProgress),
        [0x80980000] = nameof(BadConditionAlreadyDisabled),
        [0x80CC0000] = nameof(BadConditionAlreadyEnabled),
        [0x80990000] = nameof(BadConditionDisabled),
        [0x809A0000] = nameof(BadEventIdUnknown),
        [0x80BB0000] = nameof(BadEventNotAcknowledgeable),
        [0x80CD0000] = nameof(BadDialogNotActive),
        [0x80CE0000] = nameof(BadDialogResponseInvalid),
        [0x80CF0000] = nameof(BadConditionBranchAlreadyAcked),
        [0x80D00000] = nameof(BadConditionBranchAlreadyConfirmed),
        [0x80D10000] = nameof(BadConditionAlreadyShelved),
        [0x80D20000] = nameof(BadConditionNotShelved),
        [0x80D30000] = nameof(BadShelvingTimeOutOfRange),
        [0x809B0000] = nameof(BadNoData),
        [0x80D70000] = nameof(BadBoundNotFound),
        [0x80D80000] = nameof(BadBoundNotSupported),
        [0x809D0000] = nameof(BadDataLost),
        [0x809E0000] = nameof(BadDataUnavailable),
        [0x809F0000] = nameof(BadEntryExists),
        [0x80A00000] = nameof(BadNoEntryExists),
        [0x80A10000] = nameof(BadTimestampNotSupported),
        [0x00A20000] = nameof(GoodEntryInserted),
        [0x00A30000] = nameof(GoodEntryReplaced),
        [0x40A40000] = nameof(UncertainDataSubNormal),
        [0x00A50000] = nameof(GoodNoData),
        [0x00A60000] = nameof(GoodMoreData),
        [0x80D40000] = nameof(BadAggregateListMismatch),
        [0x80D50000] = nameof(BadAggregateNotSupported),
        [0x80D60000] = nameof(BadAggregateInvalidInputs),
        [0x80DA0000] = nameof(BadAggregateConfigurationRejected),
        [0x00D90000] = nameof(GoodDataIgnored),
        [0x80E40000] = nameof(BadRequestNotAllowed),
        [0x81130000] = nameof(BadRequestNotComplete),
        [0x80E80000] = nameof(BadTransactionPending),
        [0x811F0000] = nameof(BadTicketRequired),
        [0x81200000] = nameof(BadTicketInvalid),
        [0x80E90000] = nameof(BadLocked),
        [0x80EC0000] = nameof(BadRequiresLock),
        [0x00DC0000] = nameof(GoodEdited),
        [0x00DD0000] = nameof(GoodPostActionFailed),
        [0x40DE0000] = nameof(UncertainDominantValueChanged),
        [0x00E00000] = nameof(GoodDependentValueChanged),
        [0x80E10000] = nameof(BadDominantValueChanged),
        [0x40E20000] = nameof(UncertainDependentValueChanged),
        [0x80E30000] = nameof(BadDependentValueChanged),
        [0x01160000] = nameof(GoodEdited_DependentValueChanged),
        [0x01170000] = nameof(GoodEdited_DominantValueChanged),
        [0x01180000] = nameof(GoodEdited_DominantValueChanged_DependentValueChanged),
        [0x81190000] = nameof(BadEdited_OutOfRange),
        [0x811A0000] = nameof(BadInitialValue_OutOfRange),
        [0x811B0000] = nameof(BadOutOfRange_DominantValueChanged),
        [0x811C0000] = nameof(BadEdited_OutOfRange_DominantValueChanged),
        [0x811D0000] = nameof(BadOutOfRange_DominantValueChanged_DependentValueChanged),
        [0x811E0000] = nameof(BadEdited_OutOfRange_DominantValueChanged_DependentValueChanged),
        [0x00A70000] = nameof(GoodCommunicationEvent),
        [0x00A80000] = nameof(GoodShutdownEvent),
        [0x00A90000] = nameof(GoodCallAgain),
        [0x00AA0000] = nameof(GoodNonCriticalTimeout),
        [0x80AB0000] = nameof(BadInvalidArgument),
        [0x80AC0000] = nameof(BadConnectionRejected),
        [0x80AD0000] = nameof(BadDisconnect),
        [0x80AE0000] = nameof(BadConnectionClosed),
        [0x80AF0000] = nameof(BadInvalidState),
        [0x80B00000] = nameof(BadEndOfStream),
        [0x80B10000] = nameof(BadNoDataAvailable),
        [0x80B20000] = nameof(BadWaitingForResponse),
        [0x80B30000] = nameof(BadOperationAbandoned),
        [0x80B40000] = nameof(BadExpectedStreamToBlock),
        [0x80B50000] = nameof(BadWouldBlock),
        [0x80B60000] = nameof(BadSyntaxError),
        [0x80B70000] = nameof(BadMaxConnectionsReached),
        [0x42080000] = nameof(UncertainTransducerInManual),
        [0x42090000] = nameof(UncertainSimulatedValue),
        [0x420A0000] = nameof(UncertainSensorCalibration),
        [0x420F0000] = nameof(UncertainConfigurationError),
        [0x04010000] = nameof(GoodCascadeInitializationAcknowledged),
        [0x04020000] = nameof(GoodCascadeInitializationRequest),
        [0x04030000] = nameof(GoodCascadeNotInvited),
        [0x04040000] = nameof(GoodCascadeNotSelected),
        [0x04070000] = nameof(GoodFaultStateActive),
        [0x04080000] = nameof(GoodInitiateFaultState),
        [0x04090000] = nameof(GoodCascade),
        [0x80E70000] = nameof(BadDataSetIdInvalid),
    };
}
