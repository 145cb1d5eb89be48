package scalegen

import (
	"fmt"
	"strings"
)

const cfnNetworkHeader = `AWSTemplateFormatVersion: "2010-09-09"
Description: Network account - the service networks, shared with the service accounts through RAM
Resources:
`

func cfnNetwork(k int, accounts []string) string {
	return fmt.Sprintf(`  ServiceNetwork%[1]s:
    Type: AWS::VpcLattice::ServiceNetwork
    Properties: { Name: core%[1]s, AuthType: AWS_IAM }
  ServiceNetworkAuthPolicy%[1]s:
    Type: AWS::VpcLattice::AuthPolicy
    Properties:
      ResourceIdentifier: !GetAtt ServiceNetwork%[1]s.Arn
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: vpc-lattice-svcs:Invoke
            Resource: "*"
            Condition: { StringEquals: { aws:PrincipalOrgID: o-abcd1234ef } }
  LogGroup%[1]s:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /lattice/core%[1]s }
  ServiceNetworkAccessLogs%[1]s:
    Type: AWS::VpcLattice::AccessLogSubscription
    Properties:
      ResourceIdentifier: !GetAtt ServiceNetwork%[1]s.Id
      DestinationArn: !GetAtt LogGroup%[1]s.Arn
  ConsumerVpc%[1]s:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  AssociationSG%[1]s:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: lattice-association%[1]s
      GroupDescription: clients allowed into the service network
      VpcId: !Ref ConsumerVpc%[1]s
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 443, CidrIp: 10.0.0.0/16 }]
  ConsumerAssociation%[1]s:
    Type: AWS::VpcLattice::ServiceNetworkVpcAssociation
    Properties:
      ServiceNetworkIdentifier: !GetAtt ServiceNetwork%[1]s.Id
      VpcIdentifier: !Ref ConsumerVpc%[1]s
      SecurityGroupIds: [!Ref AssociationSG%[1]s]
  CoreShare%[1]s:
    Type: AWS::RAM::ResourceShare
    Properties:
      Name: core%[1]s
      AllowExternalPrincipals: false
      ResourceArns: [!GetAtt ServiceNetwork%[1]s.Arn]
      Principals: ["%[2]s"]
`, networkSuffix(k), strings.Join(accounts, `", "`))
}

const cfnServicesHeader = `AWSTemplateFormatVersion: "2010-09-09"
Description: Services of one account, associated with the network account's shared service network
Parameters:
  ServiceNetworkArn:
    Type: String
    Default: %s
  LatticePrefixListId:
    Type: String
    Description: pl- id of com.amazonaws.eu-west-1.vpc-lattice (CloudFormation has no lookup; passed at deploy)
Resources:
  AppVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
`

// cloudFormation writes the service's resources into a template's Resources
// and returns how many.
func (s *service) cloudFormation(b *strings.Builder) int {
	n := 0
	add := func(format string) {
		fmt.Fprintf(b, format, s.i, s.account, s.auth, s.listener)
		n++
	}
	add(`  Svc%[1]d:
    Type: AWS::VpcLattice::Service
    Properties: { Name: service-%[1]d, AuthType: %[3]s }
`)
	if s.policy != "" {
		principal := fmt.Sprintf(`{ AWS: "arn:aws:iam::%s:root" }`, s.account)
		if s.policy == "open" {
			principal = `"*"`
		}
		fmt.Fprintf(b, `  Svc%[1]dAuthPolicy:
    Type: AWS::VpcLattice::AuthPolicy
    Properties:
      ResourceIdentifier: !GetAtt Svc%[1]d.Arn
      Policy:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Principal: %[2]s, Action: vpc-lattice-svcs:Invoke, Resource: "*" }]
`, s.i, principal)
		n++
	}
	if s.logs {
		add(`  Svc%[1]dLogGroup:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /svc/%[1]d }
  Svc%[1]dAccessLogs:
    Type: AWS::VpcLattice::AccessLogSubscription
    Properties:
      ResourceIdentifier: !GetAtt Svc%[1]d.Arn
      DestinationArn: !GetAtt Svc%[1]dLogGroup.Arn
`)
		n++
	}
	if s.associated {
		add(`  Svc%[1]dAssociation:
    Type: AWS::VpcLattice::ServiceNetworkServiceAssociation
    Properties:
      ServiceIdentifier: !GetAtt Svc%[1]d.Id
      ServiceNetworkIdentifier: !Ref ServiceNetworkArn
`)
	}
	if s.prefixList {
		add(`  Svc%[1]dSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: svc-%[1]d
      GroupDescription: svc-%[1]d targets
      VpcId: !Ref AppVpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourcePrefixListId: !Ref LatticePrefixListId }]
`)
	} else {
		add(`  Svc%[1]dSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: svc-%[1]d
      GroupDescription: svc-%[1]d targets
      VpcId: !Ref AppVpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.1.0.0/16 }]
`)
	}
	add(`  Svc%[1]dTargetGroup:
    Type: AWS::VpcLattice::TargetGroup
    Properties:
      Name: targets-%[1]d
      Type: INSTANCE
      Config: { VpcIdentifier: !Ref AppVpc, Port: 8080, Protocol: HTTP }
      Targets: [{ Id: !Ref Svc%[1]dInstance, Port: 8080 }]
  Svc%[1]dInstance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      SecurityGroupIds: [!Ref Svc%[1]dSG]
`)
	n++
	if s.listener != "" {
		add(`  Svc%[1]dListener:
    Type: AWS::VpcLattice::Listener
    Properties:
      Name: web
      Protocol: %[4]s
      ServiceIdentifier: !GetAtt Svc%[1]d.Id
      DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: !GetAtt Svc%[1]dTargetGroup.Id }] } }
`)
		rules := []string{"admin"}
		if s.duplicateRule {
			rules = append(rules, "reports")
		}
		for _, r := range rules {
			fmt.Fprintf(b, `  Svc%[1]dRule%[2]s:
    Type: AWS::VpcLattice::Rule
    Properties:
      Name: %[2]s
      Priority: 10
      ServiceIdentifier: !GetAtt Svc%[1]d.Id
      ListenerIdentifier: !GetAtt Svc%[1]dListener.Id
      Match: { HttpMatch: { PathMatch: { Match: { Prefix: /%[2]s } } } }
      Action: { FixedResponse: { StatusCode: 404 } }
`, s.i, r)
			n++
		}
	}
	if s.externalShare {
		add(`  Svc%[1]dShare:
    Type: AWS::RAM::ResourceShare
    Properties:
      Name: svc-%[1]d
      AllowExternalPrincipals: true
      ResourceArns: [!GetAtt Svc%[1]d.Arn]
`)
	}
	return n
}
