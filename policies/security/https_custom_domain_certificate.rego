# METADATA
# title: HTTPS on a custom domain without a usable certificate
# description: |
#   A service with a custom domain name serves HTTPS on that name only with
#   your own ACM certificate: VPC Lattice has no default certificate to fall
#   back on, so without `certificate_arn` every HTTPS connection to the custom
#   domain fails. The certificate must also be in the service's Region.
#
#   The rule reports, as errors, a service with a custom domain name and an
#   HTTPS listener but no certificate, and a certificate ARN whose Region
#   differs from the service's. TLS passthrough listeners are not concerned
#   (the targets hold the certificate). An unknown domain, certificate, Region
#   or listener protocol gives no finding.
#
#   The catalogue's warnings about the certificate itself (its names must cover
#   the custom domain, wildcards one level deep; RSA 2048 keys only) need the
#   certificate's content, which lives in ACM, not in the infrastructure code:
#   even an `aws_acm_certificate` resource only requests a certificate whose
#   key type and validated names are decided at issue time. They are not checked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-byoc.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-010
#   name: https-custom-domain-certificate
#   severity: error
#   remediation: Set certificate_arn (CloudFormation CertificateArn) on the service to an ACM certificate in the service's Region that covers the custom domain name.
package lattice.rules.https_custom_domain_certificate

import data.lattice.lib

https_listeners(svc) := [l |
	some id in lib.items(svc, "listeners")
	l := input.listeners[id]
	lib.is(l.protocol, "HTTPS")
]

deny contains f if {
	some svc in input.services
	domain := svc.custom_domain_name.value
	domain != ""
	lib.absent(svc.certificate_arn)
	ls := https_listeners(svc)
	count(ls) > 0
	f := {
		"entity": svc.id,
		"attribute": "custom_domain_name",
		"message": sprintf(
			"service %s has custom domain name %s and HTTPS listener %s but no certificate_arn: VPC Lattice has no default certificate for a custom domain, so every HTTPS connection to %s fails",
			[lib.name(svc), domain, concat(", ", sort([lib.name(l) | some l in ls])), domain],
		),
		"related": [{"entity": l.id, "message": "HTTPS listener"} | some l in ls],
	}
}

deny contains f if {
	some svc in input.services
	arn := svc.certificate_arn.value
	parts := split(arn, ":")
	count(parts) >= 6
	parts[2] == "acm"
	region := svc.region.value
	parts[3] != region
	f := {
		"entity": svc.id,
		"attribute": "certificate_arn",
		"message": sprintf(
			"service %s in Region %s uses certificate %s from Region %s: VPC Lattice only accepts an ACM certificate of the service's own Region, so the service fails to deploy",
			[lib.name(svc), region, arn, parts[3]],
		),
	}
}
