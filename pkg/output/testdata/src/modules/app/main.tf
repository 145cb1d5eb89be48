module "svc" {
  source = "../svc"
  name   = "payments"
}

resource "aws_vpclattice_service_network_vpc_association" "this" {
  for_each                   = toset(["a", "b"])
  vpc_identifier             = var.vpc_ids[each.key]
  service_network_identifier = var.service_network_id
}
