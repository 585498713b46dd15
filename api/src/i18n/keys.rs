//! Every message key the server can store or render, in one place: a test checks each has a
//! translation in every catalogue, and each catalogue has no other.

use openapi::orders::OrderStatus;

/// Declares `Key`, its text (`order.placed`, the catalogues' id with `-` for `.`) and `ALL`.
macro_rules! keys {
    ($($name:ident = $text:literal,)*) => {
        /// A message of the catalogues (`i18n/*.ftl`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($name,)*
        }

        impl Key {
            pub const ALL: &[Key] = &[$(Key::$name,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Key::$name => $text,)*
                }
            }
        }
    };
}

keys! {
    // A sentence kept as it was written, in the language of that day: what a migration could
    // not turn into a key, and problem details not yet given one. Its only argument is `text`.
    LegacyText = "legacy.text",

    // An order's timeline.
    OrderPlaced = "order.placed",
    OrderHeld = "order.held",
    OrderMoved = "order.moved",
    OrderMovedBecause = "order.moved_because",
    OrderPayment = "order.payment",
    OrderRefund = "order.refund",
    StatusPendingPayment = "order.status.pending_payment",
    StatusOnHold = "order.status.on_hold",
    StatusApproved = "order.status.approved",
    StatusPaid = "order.status.paid",
    StatusFulfilling = "order.status.fulfilling",
    StatusShipped = "order.status.shipped",
    StatusDelivered = "order.status.delivered",
    StatusCompleted = "order.status.completed",
    StatusRefunded = "order.status.refunded",
    StatusCancelled = "order.status.cancelled",

    // Verification findings.
    FindingTaxIdMissing = "finding.tax_id.missing",
    FindingTaxIdInvalid = "finding.tax_id.invalid",
    FindingAddressIncomplete = "finding.address.incomplete",
    FindingPostalCode = "finding.address.postal_code",
    FindingEmailMissing = "finding.email.missing",
    FindingEmailUndeliverable = "finding.email.undeliverable",
    FindingDuplicate = "finding.duplicate",
    FindingFirstOrderValue = "finding.first_order_value",
    FindingCustomerBlocked = "finding.customer_blocked",
    FindingCreditLimit = "finding.credit_limit",

    // Problem titles, one per kind of error.
    TitleBadRequest = "problem.title.bad_request",
    TitleUnauthorized = "problem.title.unauthorized",
    TitleForbidden = "problem.title.forbidden",
    TitleNotFound = "problem.title.not_found",
    TitleMethodNotAllowed = "problem.title.method_not_allowed",
    TitleConflict = "problem.title.conflict",
    TitlePreconditionFailed = "problem.title.precondition_failed",
    TitlePayloadTooLarge = "problem.title.payload_too_large",
    TitleUnsupportedMediaType = "problem.title.unsupported_media_type",
    TitleValidation = "problem.title.validation",
    TitleTooManyRequests = "problem.title.too_many_requests",
    TitleInternal = "problem.title.internal",
    TitleUnavailable = "problem.title.unavailable",

    // Problem details.
    ProblemInternal = "problem.internal",
    ProblemBusy = "problem.busy",
    ProblemNotFound = "problem.not_found",
    ProblemNoSuchRoute = "problem.no_such_route",
    ProblemMethodNotAllowed = "problem.method_not_allowed",
    ProblemFieldInvalid = "problem.field_invalid",
    ProblemFieldsInvalid = "problem.fields_invalid",
    ProblemStale = "problem.stale",
    ProblemIllegalTransition = "problem.orders.illegal_transition",
    ProblemNotPayable = "problem.orders.not_payable",
    ProblemNotRefundable = "problem.orders.not_refundable",
    ProblemOverpayment = "problem.orders.overpayment",
    ProblemOverRefund = "problem.orders.over_refund",
    ProblemReferenceTaken = "problem.orders.payment_reference_taken",
    ProblemChannelArchived = "problem.orders.channel_archived",
    ProblemSkuTaken = "problem.catalog.sku_taken",
    ProblemCarrierNameTaken = "problem.logistics.carrier_name_taken",
    ProblemServiceCodeTaken = "problem.logistics.service_code_taken",
    ProblemNotServed = "problem.logistics.not_served",
    ProblemReturnNotDelivered = "problem.returns.not_delivered",
    ProblemReturnRegretWindow = "problem.returns.regret_window",
    ProblemReturnDefectWindow = "problem.returns.defect_window",
    ProblemReturnOverQuantity = "problem.returns.over_quantity",
    ProblemReturnUnknownReason = "problem.returns.unknown_reason",
    ProblemReturnUnknownLine = "problem.returns.unknown_line",
    ProblemReturnState = "problem.returns.state",
    ProblemReturnInspection = "problem.returns.inspection",
    ProblemReturnNoReplacement = "problem.returns.no_replacement",
    ProblemReturnBadLink = "problem.returns.bad_link",
    ProblemBarcodeTaken = "problem.catalog.barcode_taken",
    ProblemRepeated = "problem.catalog.repeated",
    ProblemKitRule = "problem.catalog.kit_rule",
    KitIsComponent = "problem.catalog.kit.is_component",
    KitHasStock = "problem.catalog.kit.has_stock",
    KitNested = "problem.catalog.kit.nested",
    ProblemBadValues = "problem.file.bad_values",
    ProblemBadValuesAfter = "problem.file.bad_values_after",
    ProblemTooManyRows = "problem.file.too_many_rows",
    ProblemInsufficientStock = "problem.inventory.insufficient_stock",
    ProblemShortage = "problem.inventory.shortage",
    ProblemLocationArchived = "problem.inventory.location_archived",
    ProblemLocationCodeTaken = "problem.inventory.location_code_taken",
    ProblemKitNotStocked = "problem.inventory.kit_not_stocked",
    ProblemNothingToReorder = "problem.inventory.nothing_to_reorder",
    ProblemSameLocation = "problem.inventory.same_location",
    ProblemReservationNotActive = "problem.inventory.reservation_not_active",
    ProblemPurchaseOrderState = "problem.inventory.purchase_order_state",
    ProblemOverReceipt = "problem.inventory.over_receipt",
    ProblemEmailTaken = "problem.tenancy.email_taken",
    ProblemInvalidTimezone = "problem.tenancy.invalid_timezone",
    ProblemInvalidRole = "problem.tenancy.invalid_role",
    ProblemOwnerOnly = "problem.tenancy.owner_only",
    ProblemLastOwner = "problem.tenancy.last_owner",
    ProblemAlreadyMember = "problem.tenancy.already_member",
    ProblemInvitationNotPending = "problem.tenancy.invitation_not_pending",
    ProblemNameRequired = "problem.tenancy.name_required",
    ProblemPasswordRequired = "problem.tenancy.password_required",
    ProblemSignInToAccept = "problem.tenancy.sign_in_to_accept",
    ProblemInvitationForAnotherAccount = "problem.tenancy.invitation_for_another_account",
    ProblemNotWhenSignedIn = "problem.tenancy.not_when_signed_in",
    ProblemHolidayTaken = "problem.tenancy.holiday_taken",
    ProblemNoWorkingDay = "problem.tenancy.no_working_day",
    ProblemMissingCredentials = "problem.auth.missing_credentials",
    ProblemInvalidCredentials = "problem.auth.invalid_credentials",
    ProblemWrongPassword = "problem.auth.wrong_password",
    ProblemInvalidRefreshToken = "problem.auth.invalid_refresh_token",
    ProblemTooManyAttempts = "problem.auth.too_many_attempts",
    ProblemForbidden = "problem.auth.forbidden",
    ProblemNotAMember = "problem.auth.not_a_member",
    ProblemInvalidScope = "problem.auth.invalid_scope",
    ProblemPasswordsBusy = "problem.auth.busy",
    ProblemRateLimited = "problem.auth.rate_limited",
    ProblemNotEditable = "problem.mail.not_editable",
    ProblemSendJson = "problem.request.send_json",
    ProblemSendCsv = "problem.request.send_csv",
    ProblemBodyTooLarge = "problem.request.body_too_large",
    ProblemFileTooLarge = "problem.request.file_too_large",
    ProblemUnreadableBody = "problem.request.unreadable_body",
    ProblemMalformedJson = "problem.request.malformed_json",
    ProblemIfMatch = "problem.request.if_match",
    ProblemKeyInProgress = "problem.idempotency.in_progress",
    ProblemKeyOtherRequest = "problem.idempotency.other_request",
    ProblemKeyOtherBody = "problem.idempotency.other_body",
    ProblemSecretNotReplayed = "problem.idempotency.secret_not_replayed",
    ProblemDatabaseUnavailable = "problem.health.database_unavailable",
    ProblemCsrf = "problem.auth.csrf",

    // What a problem is about (`problem.not_found`, `problem.stale`).
    ThingOrder = "thing.order",
    ThingPayment = "thing.payment",
    ThingCustomer = "thing.customer",
    ThingResource = "thing.resource",
    ThingProduct = "thing.product",
    ThingSalesChannel = "thing.sales_channel",
    ThingSupplier = "thing.supplier",
    ThingVariant = "thing.variant",
    ThingLocation = "thing.location",
    ThingPurchaseOrder = "thing.purchase_order",
    ThingPurchaseOrderLine = "thing.purchase_order_line",
    ThingReservation = "thing.reservation",
    ThingStockLevel = "thing.stock_level",
    ThingEmail = "thing.email",
    ThingMember = "thing.member",
    ThingStore = "thing.store",
    ThingInvitation = "thing.invitation",
    ThingApiKey = "thing.api_key",
    ThingCarrier = "thing.carrier",
    ThingCarrierService = "thing.carrier_service",
    ThingFulfilment = "thing.fulfilment",
    ThingShipment = "thing.shipment",
    ProblemFulfilmentState = "problem.logistics.fulfilment_state",
    ProblemShipmentPosted = "problem.logistics.shipment_posted",
    ProblemTrackingCodeTaken = "problem.logistics.tracking_code_taken",
    ProblemServiceRequired = "problem.logistics.service_required",
    OrderFulfilmentPromised = "order.fulfilment.promised",
    OrderFulfilmentUnpromised = "order.fulfilment.unpromised",
    OrderShipmentPosted = "order.fulfilment.posted",
    OrderShipmentDelivered = "order.fulfilment.delivered",
    ThingHoliday = "thing.holiday",
    ThingReturn = "thing.return",
    ThingInvoice = "thing.invoice",
    ProblemFinanceNotPaid = "problem.finance.not_paid",
    ProblemFinanceInvoiced = "problem.finance.invoiced",
    ProblemFinanceOverCredit = "problem.finance.over_credit",
    ProblemFinanceUnknownLine = "problem.finance.unknown_line",
    ProblemFinanceNothingLeft = "problem.finance.nothing_left",
    ProblemFinanceNotAnInvoice = "problem.finance.not_an_invoice",
    ProblemFinanceKeyRequired = "problem.finance.access_key_required",
    ProblemFinanceKeyChanged = "problem.finance.access_key_changed",
    ProblemFinanceFiscalMove = "problem.finance.fiscal_move",
    ProblemFinanceSettled = "problem.finance.settled",
    ThingPaymentNotification = "thing.payment_notification",
    ProblemFinanceAlreadyBlocked = "problem.finance.already_blocked",
    ProblemFinanceNotBlocked = "problem.finance.not_blocked",
    ProblemFinanceNothingOutstanding = "problem.finance.nothing_outstanding",
    ProblemFinanceNotAMember = "problem.finance.not_a_member",
    ProblemFinanceBankLineDone = "problem.finance.bank_line_done",
    ProblemFinanceUnknownChannel = "problem.finance.unknown_channel",
    ProblemFinanceDuplicateFee = "problem.finance.duplicate_fee",
    ProblemFinanceNotReceived = "problem.finance.not_received",
    ProblemFinanceUnknownOrderLine = "problem.finance.unknown_order_line",
    ProblemFinanceRepeatedLine = "problem.finance.repeated_line",
    ProblemFinanceDueBeforeIssue = "problem.finance.due_before_issue",
    ProblemFinanceBillNumberTaken = "problem.finance.bill_number_taken",
    ProblemFinanceBillHeld = "problem.finance.bill_held",
    ProblemFinanceNotHeld = "problem.finance.not_held",
    ProblemFinanceOverPaid = "problem.finance.over_paid",
    ThingBankLine = "thing.bank_line",
    ThingInstalment = "thing.instalment",
    BlockStaff = "block.staff",
    BlockOverdue = "block.overdue",
    NoOtherState = "order.no_other_state",

    // Field errors.
    FieldRequired = "field.required",
    FieldUnknown = "field.unknown",
    FieldLengthBetween = "field.length_between",
    FieldLengthMin = "field.length_min",
    FieldLengthMax = "field.length_max",
    FieldRangeBetween = "field.range_between",
    FieldRangeMin = "field.range_min",
    FieldRangeMax = "field.range_max",
    FieldEmail = "field.email",
    FieldClockTime = "field.clock_time",

    // Brazil's national holidays (the store calendar).
    HolidayNewYear = "holiday.new_year",
    HolidayCarnivalMonday = "holiday.carnival_monday",
    HolidayCarnivalTuesday = "holiday.carnival_tuesday",
    HolidayGoodFriday = "holiday.good_friday",
    HolidayTiradentes = "holiday.tiradentes",
    HolidayLabour = "holiday.labour",
    HolidayCorpusChristi = "holiday.corpus_christi",
    HolidayIndependence = "holiday.independence",
    HolidayOurLadyAparecida = "holiday.our_lady_aparecida",
    HolidayAllSouls = "holiday.all_souls",
    HolidayRepublic = "holiday.republic",
    HolidayBlackConsciousness = "holiday.black_consciousness",
    HolidayChristmas = "holiday.christmas",

    // The customer's return page and the store's default return reasons.
    PageReturnTitle = "page.return.title",
    PageReturnIntro = "page.return.intro",
    PageReturnItem = "page.return.item",
    PageReturnQuantity = "page.return.quantity",
    PageReturnReason = "page.return.reason",
    PageReturnComment = "page.return.comment",
    PageReturnSubmit = "page.return.submit",
    PageReturnDone = "page.return.done",
    PageReturnNothing = "page.return.nothing",
    PageReturnNoneChosen = "page.return.none_chosen",
    PageReturnInvalid = "page.return.invalid",
    PageReturnExpired = "page.return.expired",
    PageReturnFailed = "page.return.failed",
    ReasonRegret = "return.reason.regret",
    ReasonWrongItem = "return.reason.wrong_item",
    ReasonDamaged = "return.reason.damaged",
    ReasonDefective = "return.reason.defective",
    ReasonNotAsDescribed = "return.reason.not_as_described",
    ReasonOther = "return.reason.other",

    // Automation.
    ThingWebhookEndpoint = "thing.webhook_endpoint",
    ProblemUrlInvalid = "problem.automation.url_invalid",
    ProblemUrlNotHttps = "problem.automation.url_not_https",
    ProblemUrlCredentials = "problem.automation.url_credentials",
    ProblemUrlUnresolved = "problem.automation.url_unresolved",
    ProblemUrlNotPublic = "problem.automation.url_not_public",
    ProblemUnknownEvent = "problem.automation.unknown_event",
    ThingWebhookDelivery = "thing.webhook_delivery",
    ProblemDeliveryPending = "problem.automation.delivery_pending",
    ProblemTestNotReplayed = "problem.automation.test_not_replayed",
    ProblemReplayPeriod = "problem.automation.replay_period",
}

impl Key {
    /// The id of the message in the `.ftl` catalogues (Fluent ids have no dots).
    pub fn fluent_id(self) -> String {
        self.as_str().replace('.', "-")
    }

    pub fn parse(text: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|key| key.as_str() == text)
    }

    /// What a problem is about, from the words the errors name it by (`"the order"`,
    /// `"sales channel"`).
    pub fn thing(what: &str) -> Option<Key> {
        Some(match what.trim_start_matches("the ") {
            "order" => Key::ThingOrder,
            "payment" => Key::ThingPayment,
            "customer" => Key::ThingCustomer,
            "resource" => Key::ThingResource,
            "product" => Key::ThingProduct,
            "sales channel" => Key::ThingSalesChannel,
            "supplier" => Key::ThingSupplier,
            "variant" => Key::ThingVariant,
            "location" => Key::ThingLocation,
            "purchase order" => Key::ThingPurchaseOrder,
            "purchase order line" => Key::ThingPurchaseOrderLine,
            "reservation" => Key::ThingReservation,
            "stock level" => Key::ThingStockLevel,
            "email" => Key::ThingEmail,
            "member" => Key::ThingMember,
            "store" => Key::ThingStore,
            "invitation" => Key::ThingInvitation,
            "holiday" => Key::ThingHoliday,
            "API key" => Key::ThingApiKey,
            "carrier" => Key::ThingCarrier,
            "carrier service" => Key::ThingCarrierService,
            "fulfilment" => Key::ThingFulfilment,
            "shipment" => Key::ThingShipment,
            "return" => Key::ThingReturn,
            "invoice" => Key::ThingInvoice,
            "payment notification" => Key::ThingPaymentNotification,
            "instalment" => Key::ThingInstalment,
            "bank line" => Key::ThingBankLine,
            "webhook endpoint" => Key::ThingWebhookEndpoint,
            "webhook delivery" => Key::ThingWebhookDelivery,
            _ => return None,
        })
    }

    /// An order's state in words.
    pub fn status(status: OrderStatus) -> Key {
        match status {
            OrderStatus::PendingPayment => Key::StatusPendingPayment,
            OrderStatus::OnHold => Key::StatusOnHold,
            OrderStatus::Approved => Key::StatusApproved,
            OrderStatus::Paid => Key::StatusPaid,
            OrderStatus::Fulfilling => Key::StatusFulfilling,
            OrderStatus::Shipped => Key::StatusShipped,
            OrderStatus::Delivered => Key::StatusDelivered,
            OrderStatus::Completed => Key::StatusCompleted,
            OrderStatus::Refunded => Key::StatusRefunded,
            OrderStatus::Cancelled => Key::StatusCancelled,
        }
    }
}
