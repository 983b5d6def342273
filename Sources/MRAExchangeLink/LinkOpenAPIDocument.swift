/// The OpenAPI document of the exchange endpoint, as committed in
/// `docs/openapi-exchange.yaml` (a test checks that the two are equal, and
/// that the routes, statuses and error codes the endpoint answers with are
/// the document's).
package enum LinkOpenAPIDocument {
    package static let yaml = #"""
        openapi: 3.1.0
        info:
          title: MRA gateway exchange endpoint
          version: "1"
          description: >
            Gateway to gateway exchange of signed member lists and receipts between customs administrations
            (docs/exchange-link.md). Served by `mra-gateway exchange serve` over HTTPS with mutual TLS: the client
            certificate identifies the partner administration and must chain to that partner's transport anchors
            (`Certs/{program}/transport/` on the receiving side), be valid now, not revoked, and carry clientAuth.
            A partner posts a file signed with XML-DSig under its own signing identity and receives the receiving
            gateway's signed receipt (Schemas/receipt-1.xsd). Resending the same bytes returns the receipt of the first
            delivery: a file is never applied twice. Errors are `{"error":{"code":…,"message":…}}` with a stable code; a
            refused request closes the connection.
        servers:
          - url: https://gateway.example:8443
        security:
          - mutualTLS: []
        paths:
          /v1/exchange/{program}/files:
            post:
              operationId: postFile
              summary: Deliver a signed list (or a delimited list the partner is trusted to send unsigned).
              description: >
                The client certificate is checked for `{program}` before any byte of the body is read. The body is kept
                whole in the receiving gateway's inbox, then processed exactly as a file of the inbox: signature, secure
                read, schema, mapping, rules, one registry transaction, archive or quarantine, signed receipt. Bodies up
                to the receiver's sync limit (16 MiB by default) are answered with the receipt; larger ones with 202 and
                the receipt's URL.
              parameters:
                - {$ref: "#/components/parameters/Program"}
                - name: MRA-File-Name
                  in: header
                  required: false
                  description: The file's name as the sender keeps it (kept in the ledger and the archive); default `{sha256}.xml`.
                  schema: {type: string, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"}
                - name: Content-Digest
                  in: header
                  required: false
                  description: RFC 9530 digest of the body; a `sha-256` member that does not match is refused (400).
                  schema: {type: string, example: "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"}
                - name: Content-Length
                  in: header
                  required: true
                  schema: {type: integer, minimum: 0}
              requestBody:
                required: true
                content:
                  application/xml: {schema: {type: string, format: binary}}
                  text/xml: {schema: {type: string, format: binary}}
                  text/csv: {schema: {type: string, format: binary}}
              responses:
                "200": {$ref: "#/components/responses/Receipt"}
                "202": {$ref: "#/components/responses/Accepted"}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "411": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /v1/exchange/{program}/receipts/{sha256}:
            get:
              operationId: getReceipt
              summary: The receipt of the latest file of `{program}` with this SHA-256.
              parameters:
                - {$ref: "#/components/parameters/Program"}
                - name: sha256
                  in: path
                  required: true
                  schema: {type: string, pattern: "^[0-9a-f]{64}$"}
              responses:
                "200": {$ref: "#/components/responses/Receipt"}
                "202": {$ref: "#/components/responses/Accepted"}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /health:
            get:
              operationId: health
              summary: Liveness, for a caller whose certificate is valid for one of the receiver's partners.
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object, properties: {status: {const: ok}}}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /openapi.yaml:
            get:
              operationId: openapi
              summary: This document.
              responses:
                "200": {description: OK, content: {application/yaml: {schema: {type: string}}}}
        components:
          securitySchemes:
            mutualTLS:
              type: mutualTLS
              description: A TLS client certificate issued by the partner's transport CA (clientAuth), TLS 1.2 or later.
          parameters:
            Program:
              name: program
              in: path
              required: true
              description: The sender's program id (the partner posting), never the receiver's own.
              schema: {type: string, pattern: "^[a-z]{2,10}(-[a-z]{2,10})?$"}
          responses:
            Receipt:
              description: >
                The receiver's signed receipt (XML-DSig, enveloped, exclusive C14N) for the file: the sender verifies it
                against the receiver's signing trust and checks that `received/@digest` is the SHA-256 of the bytes it sent.
              headers:
                MRA-Ledger-Entry: {description: The receiver's ledger entry of the file., schema: {type: integer}}
                MRA-Outcome: {description: What the receiver did with the file., schema: {type: string, enum: [applied, rejected, refused, duplicate]}}
                MRA-Reason: {description: Why it was not applied (the receipt's outcome/@reason)., schema: {type: string}}
                MRA-Replay: {description: Present when these bytes were received before; the ledger entry whose receipt this is., schema: {type: integer}}
              content:
                application/xml: {schema: {type: string}}
            Accepted:
              description: The file is kept and waits to be processed; fetch the receipt at Location after Retry-After seconds.
              headers:
                Location: {schema: {type: string}}
                Retry-After: {schema: {type: integer}}
              content:
                application/json:
                  schema:
                    type: object
                    required: [status]
                    properties:
                      status: {type: string, enum: [accepted, processing]}
                      receipt: {type: string}
                      sha256: {type: string}
            Error:
              description: Refused, with a stable code.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
          schemas:
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message]
                  properties:
                    code:
                      type: string
                      enum:
                        - unknown-program
                        - not-found
                        - method-not-allowed
                        - client-certificate-missing
                        - client-certificate-refused
                        - client-certificate-wrong-partner
                        - length-required
                        - unsupported-media-type
                        - body-too-large
                        - bad-request
                        - upload-incomplete
                        - content-digest-mismatch
                        - file-name-taken
                        - receipt-unknown
                        - exchange-busy
                        - exchange-unavailable
                    message: {type: string}

        """#
}
